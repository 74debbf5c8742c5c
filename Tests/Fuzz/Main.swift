// libFuzzer entry point for august's parsers. Not a SwiftPM target: `make fuzz` builds it with
//   swiftc -sanitize=fuzzer,address -parse-as-library Tests/Fuzz/*.swift <AugustCore sources without GRDB>
// One binary holds every target; AUGUST_FUZZ_TARGET picks one (parser, query, tokenizer, temporal, entities, snapshot).
// Each target checks invariants and traps (a finding) when one does not hold.
import Foundation

/// The fuzz targets by name (temporal and entities: FuzzSlots.swift).
let fuzzTargets: [String: @Sendable (UnsafeBufferPointer<UInt8>) -> Void] = [
    "parser": fuzzParser,
    "query": fuzzQuery,
    "tokenizer": fuzzTokenizer,
    "temporal": fuzzTemporal,
    "entities": fuzzEntities,
    "snapshot": fuzzSnapshot,
]

nonisolated(unsafe) var selectedTarget: (@Sendable (UnsafeBufferPointer<UInt8>) -> Void)? = nil

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    if selectedTarget == nil {
        let name = ProcessInfo.processInfo.environment["AUGUST_FUZZ_TARGET"] ?? ""
        guard let target = fuzzTargets[name] else {
            FileHandle.standardError.write(Data("AUGUST_FUZZ_TARGET must be one of \(fuzzTargets.keys.sorted())\n".utf8))
            exit(2)
        }
        selectedTarget = target
    }
    selectedTarget!(UnsafeBufferPointer(start: data, count: size))
    return 0
}

/// A broken invariant: print what and trap, so libFuzzer saves the input.
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() {
        FileHandle.standardError.write(Data("invariant broken: \(message())\n".utf8))
        fatalError("invariant broken")
    }
}
