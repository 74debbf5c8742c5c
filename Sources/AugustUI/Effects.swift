import AugustCore
import Foundation

/// Work the explorer asks its runner to do outside the screen (the run loop does it after the
/// update that asked, then feeds the outcome back as `Input.notice`). `update` stays pure: it only
/// appends these to `AppState.effects`.
public enum Effect: Sendable, Hashable {
    /// Put text on the terminal's clipboard (OSC 52, where the terminal accepts it).
    case copy(String)
    /// Run a program on a file at a line, the terminal handed over to it (like Ctrl-Z) until it exits.
    case open(Viewer, path: String, line: Int)
    /// Write the bookmarks file (atomically; see `BookmarkStore.save`), keeping the file there now
    /// as `.bak` when it was damaged.
    case saveBookmarks(BookmarkStore, [Bookmark], keepOldAsBackup: Bool)
    /// Write a text file whole (a temporary file beside it, renamed), e.g. an event's dossier.
    case write(path: String, contents: String)

    public enum Viewer: String, Sendable, Hashable { case pager, editor }
}

extension Effect.Viewer {
    /// The command line for `path` at `line`: `$PAGER` (default `less`) or `$VISUAL`, else `$EDITOR`
    /// (default `vi`), split at spaces as a shell would split a plain command, then `+LINE PATH`
    /// (the form less, more, vi, nano, emacs and micro all read).
    public func argv(path: String, line: Int, environment: [String: String]) -> [String] {
        func nonEmpty(_ k: String) -> String? { environment[k].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } }
        let command: String
        switch self {
        case .pager: command = nonEmpty("PAGER") ?? "less"
        case .editor: command = nonEmpty("VISUAL") ?? nonEmpty("EDITOR") ?? "vi"
        }
        let words = command.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        return words + ["+\(max(1, line))", path]
    }
}

/// OSC 52: the terminal puts `text` on the system clipboard (tmux with `set-clipboard on`, xterm,
/// kitty, iTerm2, WezTerm, foot…). A terminal that does not know it ignores it.
public func osc52(_ text: String) -> String {
    "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
}

/// Runs a `.saveBookmarks` effect (for the terminal loop and the headless runner alike): the
/// notice to feed back when the file could not be written (one line; the explorer goes on with
/// its bookmarks in memory), nil when it was, or for another effect.
public enum BookmarkSaving {
    public static func perform(_ effect: Effect) -> Input? {
        guard case .saveBookmarks(let store, let bookmarks, let keep) = effect else { return nil }
        do {
            try store.save(bookmarks, keepOldAsBackup: keep)
            return nil
        } catch {
            return .notice("bookmarks not saved: \(error.message)", isError: true)
        }
    }
}
