import Foundation

/// Web-page chrome that a saved article drags along (share buttons, comment prompts, "see also"
/// lists, sign-in lines, cookie notices): its dates are no events. A passage is chrome when it
/// carries two or more of the cues below, or one cue in a short passage (at most 12 words). The
/// cues are the common vocabulary of web pages, not of any one site.
public enum Boilerplate {
    /// Cues as word sequences; a trailing `:` means the last word must be followed by a colon.
    static let cues: [[String]] = [
        ["see", "also"], ["share", "on"], ["share", "it"], ["share", "this"], ["share:"], ["log", "in", "to"],
        ["sign", "in", "to"], ["leave", "a", "comment"], ["comments"], ["subscribe"], ["read", "more"],
        ["related", "articles"], ["suggested", "articles"], ["recommended", "articles"], ["editor's", "choice"],
        ["advertisement"], ["cookie"], ["cookies"], ["all", "rights", "reserved"], ["follow", "us"], ["newsletter"],
        ["click", "here"], ["tags:"], ["posted", "in"], ["previous", "article"], ["next", "article"], ["print", "this"],
        ["back", "to", "top"], ["skip", "to", "content"], ["privacy", "policy"], ["terms", "of", "use"],
    ]
    /// Cues by their first word (without a colon).
    static let byFirst: [String: [[String]]] = Dictionary(grouping: cues) { $0[0].hasSuffix(":") ? String($0[0].dropLast()) : $0[0] }

    /// The passage's words, lower-case ASCII letters and apostrophes (`’` read as `'`), each with
    /// whether a colon follows it. One pass over the text, no Foundation search.
    static func words(_ text: String) -> [(word: String, colon: Bool)] {
        var out: [(String, Bool)] = []
        var cur: [UInt8] = []
        func flush(_ colon: Bool) {
            if !cur.isEmpty { out.append((String(decoding: cur, as: UTF8.self), colon)); cur.removeAll(keepingCapacity: true) }
        }
        for s in text.unicodeScalars {
            let v = s.value
            if (0x61...0x7A).contains(v) { cur.append(UInt8(v)) }
            else if (0x41...0x5A).contains(v) { cur.append(UInt8(v + 32)) }
            else if (v == 0x27 || v == 0x2019), !cur.isEmpty { cur.append(0x27) }
            else { flush(v == 0x3A) }
        }
        flush(false)
        return out
    }

    public static func isChrome(_ text: String) -> Bool {
        let ws = words(text)
        var found = Set<Int>()
        for (i, w) in ws.enumerated() {
            guard let candidates = byFirst[w.word] else { continue }
            for cue in candidates where i + cue.count <= ws.count {
                var ok = true
                for (k, part) in cue.enumerated() {
                    let needColon = part.hasSuffix(":")
                    let bare = needColon ? String(part.dropLast()) : part
                    if ws[i + k].word != bare || (needColon && !ws[i + k].colon) { ok = false; break }
                }
                if ok, let n = cues.firstIndex(of: cue) {
                    found.insert(n)
                    if found.count >= 2 { return true }
                }
            }
        }
        return found.count == 1 && ws.count <= 12
    }
}
