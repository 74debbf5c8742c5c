import AugustCore
import ArgumentParser
import Foundation

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the events for other tools: CSV, TimelineJS, GeoJSON, or a Markdown dossier of one event.",
        discussion: """
            csv: one row per event (id, dates at the texts' precision, kind, title, places, \
            formations, front, sources as FILE:LINE, first quotation), RFC 4180. timelinejs: a \
            TimelineJS 3 JSON file, one slide per event grouped by front, each quoting its tellings. \
            geojson: the places the texts name as RFC 7946 points [lon, lat] with their mentions, \
            first and last dates and events. markdown: the dossier of the event --event names (its id \
            as `august events --json` prints it): every telling quoted and cited FILE:LINE, and where \
            the sources disagree; markdown needs --event. With -o the file is written whole or not at \
            all (a temporary file beside it, renamed); without, to stdout.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, timelinejs, geojson, markdown
    }

    @OptionGroup var corpusOptions: CorpusOptions
    @Option(help: "csv, timelinejs, geojson or markdown.") var format: Format
    @Option(help: ArgumentHelp("Only this event (its id as `august events --json` prints it).", valueName: "id"))
    var event: String?
    @Option(help: "Which events: event (what happened), publication, other or all.")
    var kind: Events.KindFilter = .event
    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
    var output: String?

    func run() throws {
        try failing {
            if format == .markdown && event == nil {
                throw Failure("export --format markdown: name the event with --event ID (ids: august events --json)")
            }
            let analysis = try corpusOptions.analysis()
            let corpus = analysis.corpus
            var events = analysis.events.filter { kind == .all || $0.kind.rawValue == kind.rawValue }
            if let event {
                guard let e = analysis.events.first(where: { $0.id == event }) else {
                    throw Failure("no event with id \(event) (ids: august events --json)")
                }
                events = [e]
            }
            let data: Data
            do {
                switch format {
                case .csv:
                    data = Data(try Exporter.csv(events, corpus: corpus).utf8)
                case .timelinejs:
                    let name = URL(fileURLWithPath: corpusOptions.resolvedPath()).standardizedFileURL.lastPathComponent
                    data = try Exporter.timelineJS(events, corpus: corpus, title: "Events told in \(name)") + Data("\n".utf8)
                case .geojson:
                    data = try Exporter.geoJSON(analysis, events: events, onlyTheirPlaces: event != nil) + Data("\n".utf8)
                case .markdown:
                    data = Data(Exporter.markdown(events[0], corpus: corpus,
                                                  conflicts: ConflictFinder.find(in: analysis)).utf8)
                }
            } catch {
                throw Failure("cannot export: \(error)")
            }
            if let output {
                do { try AtomicFile.write(data, to: output) } catch let e as WriteError { throw Failure(e.message) }
            } else {
                FileHandle.standardOutput.write(data)
            }
        }
    }
}
