import PprofModel
