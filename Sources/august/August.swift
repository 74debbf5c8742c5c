import AugustCore
import ArgumentParser
import Foundation

@main
struct August: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "august",
        abstract: "Explore historical texts about the 1945 Soviet–Japanese War in the terminal.",
        discussion: """
            With no subcommand, opens the explorer on the corpus. The other subcommands print \
            to stdout for scripts (add --json for machine-readable output).
            """,
        version: augustVersion,
        subcommands: [Explore.self, Search.self, Passages.self, Events.self, Places.self, Units.self, Fronts.self, Movements.self, Map.self,
                      Kwic.self, Align.self, Export.self, Bookmarks.self, Manual.self],
        defaultSubcommand: Explore.self
    )

    /// Parses and runs like argument-parser's own `main`, except for usage errors: one line on
    /// stderr (`august: …`, with where to look for help) and exit 2, as grep and less do, not
    /// argument-parser's several lines and exit 64. Help, `--version` and our own failures are
    /// unchanged.
    static func main() {
        var command: ParsableCommand
        do {
            command = try parseAsRoot(globalOptionsAfterSubcommand(Array(CommandLine.arguments.dropFirst())))
        } catch {
            exitForParse(error)
        }
        do {
            try command.run()
        } catch {
            exit(withError: error)
        }
    }

    /// The global options (`--corpus DIR`, `--no-mouse`) may stand before the subcommand, as in
    /// `august --corpus texts search harbin`: they are moved after its name, where the subcommand
    /// reads them. `--no-mouse` means something to the explorer only; another subcommand accepts
    /// and ignores it, before or after its name. Arguments after `--` are left alone.
    static func globalOptionsAfterSubcommand(_ args: [String]) -> [String] {
        // Nothing to move (the usual case): the subcommands' names, which the runtime derives from
        // their types (slow enough to show in a warm `search`), are not asked for.
        let end0 = args.firstIndex(of: "--") ?? args.count
        let leadingOption = args.first.map { $0 == "--corpus" || $0.hasPrefix("--corpus=") } ?? false
        if !leadingOption, !args[..<end0].contains("--no-mouse") { return args }
        let names = Set(configuration.subcommands.map { $0._commandName })
        let explore = Explore._commandName
        let end = args.firstIndex(of: "--") ?? args.count
        var i = 0
        var leading: [String] = []
        while i < end {
            let a = args[i]
            if a == "--corpus", i + 1 < end { leading += [a, args[i + 1]]; i += 2; continue }
            if a.hasPrefix("--corpus=") || a == "--no-mouse" { leading.append(a); i += 1; continue }
            break
        }
        guard i < end, names.contains(args[i]) else { return args }   // no subcommand: the explorer's own
        let sub = args[i]
        var rest = [sub] + leading + args[(i + 1)...]
        if sub != explore {
            let stop = rest.firstIndex(of: "--") ?? rest.count
            rest = rest[..<stop].filter { $0 != "--no-mouse" } + rest[stop...]
        }
        return rest
    }

    private static func exitForParse(_ error: Error) -> Never {
        let code = exitCode(for: error)
        // Help and --version print to stdout and exit 0; completion scripts too.
        guard code != .success, !(error is ExitCode) else { exit(withError: error) }
        let first = message(for: error).split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? "bad arguments"
        var line = first.hasPrefix("Error: ") ? String(first.dropFirst(7)) : first
        line = SafeText.printable(line)
        let sub = CommandLine.arguments.dropFirst().first { !$0.hasPrefix("-") }
            .flatMap { name in configuration.subcommands.first { $0._commandName == name }?._commandName }
        let help = sub.map { "august \($0) --help" } ?? "august --help"
        warn("august: \(line) (see '\(help)')")
        Foundation.exit(2)
    }
}
