import PprofCLI
