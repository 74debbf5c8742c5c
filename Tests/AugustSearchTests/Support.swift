import Foundation
import AugustCore
@_exported import TestSupport

/// The curated data and a linker over it, loaded once (as in AugustCoreTests' place tests).
let linker: EntityLinker = {
    switch CuratedData.shared {
    case .success(let d): return EntityLinker(data: d)
    case .failure(let e): fatalError("curated data: \(e)")
    }
}()
