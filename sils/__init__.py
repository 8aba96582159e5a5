__version__ = "0.1.0"

import os as _os, sys as _sys
if _os.path.basename(_sys.argv[0] if _sys.argv else '') in ('sils-train', 'sils-separate', 'sils-reproduce', 'sils-bench'):
    import signal as _signal
    def _interrupted(signum, frame):  # Ctrl-C while a console script is still loading: one line, exit status 130
        _sys.stderr.write(f'{_os.path.basename(_sys.argv[0])}: interrupted.\n'); _sys.stderr.flush(); _os._exit(130)
    _signal.signal(_signal.SIGINT, _interrupted)  # sils.cli's _run_cli hands Ctrl-C back to Python when the command starts
