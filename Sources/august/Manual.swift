import AugustUI
import ArgumentParser
import Foundation

/// `august manual`: the man page (roff), made from the same help text as `--help` and from the
/// explorer's keymap table, so the three never disagree. `make install` writes it to
/// share/man/man1/august.1. Hidden from the command list.
struct Manual: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manual",
        abstract: "Print the man page (roff) made from the help text and the explorer's keys.",
        shouldDisplay: false)

    func run() throws {
        FileHandle.standardOutput.write(Data(Manual.page().utf8))
    }

    /// Text for roff: backslashes doubled, a line starting with `.` or `'` protected.
    static func roff(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\e").split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(".") || $0.hasPrefix("'") ? "\\&" + $0 : String($0) }.joined(separator: "\n")
    }

    static func page() -> String {
        let root = August.configuration
        var out = """
            .TH AUGUST 1 "" "august \(augustVersion)" "User Commands"
            .SH NAME
            august \\- \(roff(root.abstract))
            .SH SYNOPSIS
            .B august
            [\\fB\\-\\-corpus\\fR \\fIdir\\fR] [\\fB\\-\\-no\\-mouse\\fR]
            .br
            .B august
            \\fIcommand\\fR [\\fIoptions\\fR]
            .SH DESCRIPTION
            \(roff(root.discussion))
            .PP
            Global options (\\fB\\-\\-corpus\\fR, \\fB\\-\\-no\\-mouse\\fR) may stand before or after the command.

            """
        out += ".SH COMMANDS\n"
        for sub in root.subcommands where sub.configuration.shouldDisplay {
            let name = sub._commandName
            out += ".SS august \(name)\n.nf\n"
            out += roff(August.helpMessage(for: sub, columns: 78).trimmingCharacters(in: .whitespacesAndNewlines)) + "\n"
            out += ".fi\n"
        }
        out += ".SH KEYS\nIn the explorer (\\fB?\\fR shows the same table):\n"
        for section in Keymap.standard.helpSections {
            out += ".SS \(roff(section.title))\n"
            for row in section.rows {
                out += ".TP\n.B \(roff(row.keys))\n\(roff(row.summary))\n"
            }
        }
        out += """
            .SH EXIT STATUS
            0 on success; \\fBsearch\\fR exits 1 when no passage matches, as grep does; 2 on an error \
            (a bad query or option, a missing corpus, a damaged data file).
            .SH ENVIRONMENT
            .TP
            .B AUGUST_CORPUS
            The folder of .txt files read when \\fB\\-\\-corpus\\fR is not given (else ./seeds, else the installed seeds).
            .TP
            .B XDG_CACHE_HOME
            The index, manifests and snapshots are kept in $XDG_CACHE_HOME/august (default ~/.cache/august).
            .TP
            .B PAGER, VISUAL, EDITOR
            What \\fBe\\fR and \\fBE\\fR open the shown passage's file with, at its line (default less and vi).
            .TP
            .B NO_COLOR
            When set and not empty, the explorer uses attributes only, no colours.
            .TP
            .B ESCDELAY
            Milliseconds ncurses waits after Esc for the rest of a key sequence (default 25).
            .SH SEE ALSO
            .BR less (1),
            .BR rg (1)

            """
        return out
    }
}
