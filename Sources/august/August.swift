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
        subcommands: [Explore.self, Search.self, Passages.self, Events.self, Places.self, Units.self, Fronts.self],
        defaultSubcommand: Explore.self
    )
}
