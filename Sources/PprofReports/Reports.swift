import Foundation
import PprofModel
