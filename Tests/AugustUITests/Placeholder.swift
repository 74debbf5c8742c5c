import Testing
@testable import AugustUI
