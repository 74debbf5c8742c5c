/// The fixed list of benchmark queries: what `august` is asked in process, and the pattern given to
/// `rg -c -i` / `grep -c -i -r -E` as the reference a user would otherwise reach for.
///
/// The reference patterns do at most the same work, never more: a conjunction or an exclusion
/// (which one regular expression cannot express) is given to grep as its first positive term.
public struct BenchQuery: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable {
        case word, phrase, prefix, or, and, exclusion, place, noHit = "no-hit"
    }
    public let query: String
    public let kind: Kind
    /// Extended regular expression for rg and grep -E.
    public let pattern: String

    init(_ query: String, _ kind: Kind, _ pattern: String? = nil) {
        self.query = query
        self.kind = kind
        self.pattern = pattern ?? query
    }
}

public enum BenchQueries {
    public static let all: [BenchQuery] = [
        // words
        .init("soviet", .word), .init("japan", .word), .init("army", .word), .init("surrender", .word),
        .init("kamikaze", .word), .init("emperor", .word), .init("division", .word), .init("tank", .word),
        .init("railway", .word), .init("treaty", .word), .init("artillery", .word), .init("neutrality", .word),
        // phrases
        .init("\"kwantung army\"", .phrase, "kwantung army"), .init("\"red army\"", .phrase, "red army"),
        .init("\"atomic bomb\"", .phrase, "atomic bomb"), .init("\"soviet union\"", .phrase, "soviet union"),
        .init("\"far eastern front\"", .phrase, "far eastern front"),
        .init("\"act of surrender\"", .phrase, "act of surrender"),
        // prefixes
        .init("manch*", .prefix, "manch"), .init("sov*", .prefix, "sov"), .init("jap*", .prefix, "jap"),
        .init("mechan*", .prefix, "mechan"), .init("surrend*", .prefix, "surrend"),
        // OR
        .init("harbin OR mukden", .or, "harbin|mukden"), .init("tank OR artillery", .or, "tank|artillery"),
        .init("hiroshima OR nagasaki", .or, "hiroshima|nagasaki"),
        .init("\"kwantung army\" OR \"red army\"", .or, "kwantung army|red army"),
        // conjunctions (the reference searches the first term only)
        .init("soviet tank", .and, "soviet"), .init("japanese surrender", .and, "japanese"),
        .init("emperor radio", .and, "emperor"), .init("kwantung army division", .and, "kwantung"),
        .init("stalin truman potsdam", .and, "stalin"),
        // exclusions (the reference searches the positive term only)
        .init("army -kwantung", .exclusion, "army"), .init("soviet -union", .exclusion, "soviet"),
        .init("japan -emperor -army", .exclusion, "japan"), .init("tank -kamikaze", .exclusion, "tank"),
        // place names (these become alias queries once the gazetteer lands)
        .init("Mukden", .place, "mukden"), .init("Shenyang", .place, "shenyang"),
        .init("Harbin", .place, "harbin"), .init("Mudanjiang", .place, "mudanjiang"),
        .init("Sakhalin", .place, "sakhalin"), .init("\"port arthur\"", .place, "port arthur"),
        .init("Hailar", .place, "hailar"), .init("Khingan", .place, "khingan"),
        // no hit
        .init("xylophone", .noHit), .init("qwertyuiop", .noHit), .init("\"surrender kamikaze tokyo\"", .noHit, "surrender kamikaze tokyo"),
        .init("zzz*", .noHit, "zzz"), .init("ferrari OR lamborghini", .noHit, "ferrari|lamborghini"),
        .init("soviet -soviet", .noHit, "soviet"),
    ]
}
