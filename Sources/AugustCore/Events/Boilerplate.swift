import Foundation

/// Web-page chrome that a saved article drags along (share buttons, comment prompts, "see also"
/// lists, sign-in lines, cookie notices): its dates are no events. A passage is chrome when it
/// carries two or more of the cues below, or one cue in a short passage (at most 12 words). The
/// cues are the common vocabulary of web pages, not of any one site.
public enum Boilerplate {
    static let cues: [String] = [
        "see also", "share on", "share it", "share this", "share:", "log in to", "sign in to", "leave a comment",
        "comments", "subscribe", "read more", "related articles", "suggested articles", "recommended articles",
        "editor's choice", "editor’s choice", "advertisement", "cookie", "all rights reserved", "follow us",
        "newsletter", "click here", "tags:", "posted in", "previous article", "next article", "print this",
        "back to top", "skip to content", "privacy policy", "terms of use",
    ]

    public static func isChrome(_ text: String) -> Bool {
        let lower = text.lowercased()
        var found = 0
        for cue in cues where lower.contains(cue) {
            found += 1
            if found >= 2 { return true }
        }
        guard found == 1 else { return false }
        var words = 0
        for w in lower.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }) where w.contains(where: \.isLetter) {
            words += 1
            if words > 12 { return false }
        }
        return true
    }
}
