import Foundation

/// A place of the gazetteer (`Resources/gazetteer.json`; its header documents each field).
public struct Place: Sendable, Hashable, Codable, Identifiable {
    public let id: String
    /// Canonical English name.
    public let name: String
    /// city, town, port, river, lake, range, island, fortified-area, region, country…
    public let kind: String
    /// Decimal degrees; nil where the place could not be identified.
    public let lat: Double?
    public let lon: Double?
    /// Who held the place in August 1945 (nil for seas, continents, multi-state regions).
    public let polity: String?
    /// Every other name: the translations' forms and the common names in other languages.
    public let aliases: [String]
    /// The place this one lies in (a fortified area's town), if any.
    public let within: String?
    /// For a name shared by several places: words near a mention that favour this reading.
    public let cues: ContextCues?
    public let note: String?

    /// The canonical name followed by the aliases.
    public var names: [String] { [name] + aliases }
}

/// Context words that favour one reading of an ambiguous name (see `EntityLinker`).
public struct ContextCues: Sendable, Hashable, Codable {
    public let words: [String]
    /// The reading chosen when no cue of any candidate is found.
    public let `default`: Bool?
}

/// A formation of the order of battle (`Resources/order-of-battle.json`).
public struct Formation: Sendable, Hashable, Codable, Identifiable {
    public let id: String
    public let name: String
    /// Soviet, Japanese, Manchukuo, Mengjiang, Chinese…
    public let side: String
    /// front, fleet, flotilla, army, corps, group, area-army, division…
    public let kind: String
    public let parent: String?
    /// Id of the Soviet front (or fleet) it fought under; nil for the Japanese side.
    public let front: String?
    public let commander: String?
    public let aliases: [String]
    /// For a name shared by several formations: words near a mention that favour this reading.
    public let cues: ContextCues?
    public let note: String?

    public var names: [String] { [name] + aliases }
    /// A front is reported as a front (`EntityMention.Kind.front`), not as a unit.
    public var isFront: Bool { kind == "front" }
}

/// One axis of advance: an ordered chain of objectives (gazetteer ids) from the start line inward.
public struct Axis: Sendable, Hashable, Codable, Identifiable {
    public let id: String
    public let name: String
    /// Formations (order-of-battle ids) that advanced along it.
    public let units: [String]
    /// Gazetteer ids, in order.
    public let objectives: [String]
}

/// A front (or operation) with its axes and its place on the map-like layout.
public struct Theatre: Sendable, Hashable, Codable, Identifiable {
    public enum Position: String, Sendable, Hashable, Codable, CaseIterable {
        case west, north, east, farEast = "far-east", southEast = "south-east"
    }
    public let id: String
    public let name: String
    /// Short tag for timeline rows (`TB`, `1FE`).
    public let tag: String?
    /// Order-of-battle id of the front or fleet.
    public let front: String
    public let position: Position
    public let axes: [Axis]
}

public struct Gazetteer: Sendable {
    /// The curated places (`gazetteer.json`).
    public let places: [Place]
    /// The generated places (`gazetteer-geonames.tsv`); the curated ones win over them.
    public let generated: GeneratedPlaces
    private let byID: [String: Int]
    public init(places: [Place], generated: GeneratedPlaces = .empty) {
        self.places = places
        self.generated = generated
        var m: [String: Int] = [:]
        for (i, p) in places.enumerated() where m[p.id] == nil { m[p.id] = i }
        byID = m
    }
    /// A curated place, else a generated one (`gn-…`).
    public func place(id: String) -> Place? { byID[id].map { places[$0] } ?? generated.place(id: id) }
    /// The place and every place it lies within, innermost first.
    public func ancestry(of id: String) -> [String] {
        var out: [String] = []
        var current: String? = id
        while let c = current, !out.contains(c), let p = place(id: c) {
            out.append(c)
            current = p.within
        }
        return out
    }
}

public struct OrderOfBattle: Sendable {
    public let units: [Formation]
    private let byID: [String: Int]
    public init(units: [Formation]) {
        self.units = units
        var m: [String: Int] = [:]
        for (i, u) in units.enumerated() where m[u.id] == nil { m[u.id] = i }
        byID = m
    }
    public func unit(id: String) -> Formation? { byID[id].map { units[$0] } }
    public var fronts: [Formation] { units.filter(\.isFront) }
}

public struct Axes: Sendable {
    public let theatres: [Theatre]
    public init(theatres: [Theatre]) { self.theatres = theatres }
}

/// Why the curated data could not be loaded.
public struct CuratedDataError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The three curated data files together.
public struct CuratedData: Sendable {
    public let gazetteer: Gazetteer
    public let orderOfBattle: OrderOfBattle
    public let axes: Axes
    /// The folder the files were read from.
    public let source: URL?

    public static let fileNames = ["gazetteer.json", "order-of-battle.json", "axes.json"]
    /// Every file of the data folder: the three curated files and the generated gazetteer.
    public static let allFileNames = fileNames + [GeneratedPlaces.fileName]

    public init(gazetteer: Gazetteer, orderOfBattle: OrderOfBattle, axes: Axes, source: URL? = nil) {
        self.gazetteer = gazetteer
        self.orderOfBattle = orderOfBattle
        self.axes = axes
        self.source = source
    }

    private struct GazetteerFile: Decodable { let places: [Place] }
    private struct OrderFile: Decodable { let units: [Formation] }
    private struct AxesFile: Decodable { let theatres: [Theatre] }

    /// Read and check the three files in `directory`.
    public static func load(directory: URL) throws(CuratedDataError) -> CuratedData {
        func read<T: Decodable>(_ name: String, as: T.Type) throws(CuratedDataError) -> T {
            let url = directory.appendingPathComponent(name)
            let data: Data
            do { data = try Data(contentsOf: url) } catch {
                throw CuratedDataError("cannot read \(url.path): \(error.localizedDescription)")
            }
            do { return try JSONDecoder().decode(T.self, from: data) } catch {
                throw CuratedDataError("\(url.path) is not valid curated data: \(error)")
            }
        }
        let curatedPlaces = try read("gazetteer.json", as: GazetteerFile.self).places
        let generated = try GeneratedPlaces.load(url: directory.appendingPathComponent(GeneratedPlaces.fileName),
                                                 curatedIDs: Set(curatedPlaces.map(\.id)))
        let g = Gazetteer(places: curatedPlaces, generated: generated)
        let o = OrderOfBattle(units: try read("order-of-battle.json", as: OrderFile.self).units)
        let a = Axes(theatres: try read("axes.json", as: AxesFile.self).theatres)
        let data = CuratedData(gazetteer: g, orderOfBattle: o, axes: a, source: directory)
        let problems = data.problems()
        if !problems.isEmpty {
            throw CuratedDataError("curated data in \(directory.path) is inconsistent: " + problems.prefix(5).joined(separator: "; "))
        }
        return data
    }

    /// Dangling references between the files (each is a line of explanation).
    public func problems() -> [String] {
        var out: [String] = []
        for p in gazetteer.places {
            if let w = p.within, gazetteer.place(id: w) == nil { out.append("place \(p.id): unknown `within` \(w)") }
        }
        for u in orderOfBattle.units {
            if let x = u.parent, orderOfBattle.unit(id: x) == nil { out.append("unit \(u.id): unknown parent \(x)") }
            if let x = u.front, orderOfBattle.unit(id: x) == nil { out.append("unit \(u.id): unknown front \(x)") }
        }
        for t in axes.theatres {
            if orderOfBattle.unit(id: t.front) == nil { out.append("theatre \(t.id): unknown front \(t.front)") }
            for a in t.axes {
                for o in a.objectives where gazetteer.place(id: o) == nil { out.append("axis \(a.id): unknown place \(o)") }
                for u in a.units where orderOfBattle.unit(id: u) == nil { out.append("axis \(a.id): unknown unit \(u)") }
            }
        }
        return out
    }

    /// Folders searched for the data files, in order: `$AUGUST_DATA`, the module's resource bundle
    /// (next to the executable, as SwiftPM builds it), `<exe>/../share/august/data`, and the source
    /// tree this module was built from.
    public static func candidateDirectories(environment: [String: String] = ProcessInfo.processInfo.environment) -> [URL] {
        var out: [URL] = []
        if let env = environment["AUGUST_DATA"], !env.isEmpty { out.append(URL(fileURLWithPath: env)) }
        let bundleName = "august_AugustCore.resources"
        var exeDirs: [URL] = [Bundle.main.bundleURL]
        if let exe = Bundle.main.executableURL { exeDirs.append(exe.resolvingSymlinksInPath().deletingLastPathComponent()) }
        if let arg0 = CommandLine.arguments.first, !arg0.isEmpty {
            exeDirs.append(URL(fileURLWithPath: arg0).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        for dir in exeDirs {
            out.append(dir.appendingPathComponent(bundleName).appendingPathComponent("Resources"))
            out.append(dir.appendingPathComponent(bundleName).appendingPathComponent("Contents/Resources/Resources"))
        }
        for dir in exeDirs {
            out.append(dir.deletingLastPathComponent().appendingPathComponent("share/august/data"))
        }
        // Development fallback: the Resources folder next to this source file.
        out.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Resources"))
        return out
    }

    /// Load from `$AUGUST_DATA` when set (an error if the files are not there), else from the first
    /// candidate folder that holds the files; a clear error when none does.
    public static func loadDefault(environment: [String: String] = ProcessInfo.processInfo.environment) throws(CuratedDataError) -> CuratedData {
        let fm = FileManager.default
        if let env = environment["AUGUST_DATA"], !env.isEmpty {
            // Asked for explicitly: that folder or an error, never a silent fallback.
            let dir = URL(fileURLWithPath: env)
            guard fm.fileExists(atPath: dir.appendingPathComponent("gazetteer.json").path) else {
                throw CuratedDataError("no gazetteer.json in $AUGUST_DATA (\(env))")
            }
            return try load(directory: dir)
        }
        let candidates = candidateDirectories(environment: environment)
        for dir in candidates where fm.fileExists(atPath: dir.appendingPathComponent("gazetteer.json").path) {
            return try load(directory: dir)
        }
        throw CuratedDataError("curated data (gazetteer.json, order-of-battle.json, axes.json, \(GeneratedPlaces.fileName)) not found; "
            + "set AUGUST_DATA to the folder that holds them (looked in: "
            + candidates.map(\.path).joined(separator: ", ") + ")")
    }

    /// The default data, loaded once per process.
    public static let shared: Result<CuratedData, CuratedDataError> = {
        Result { () throws(CuratedDataError) -> CuratedData in try loadDefault() }
    }()
}
