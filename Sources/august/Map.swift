import AugustCore
import AugustMap
import AugustUI
import ArgumentParser
import Foundation

struct Map: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a map of the theatre: coasts, rivers, borders, the places the texts name and each front's axes.",
        discussion: """
            Coasts, lakes, rivers and today's borders come from GSHHG (LGPL; see basemap-ATTRIBUTION.md); \
            the 1945 frontier where it differs (Karafuto at the 50th parallel, Manchukuo's western and \
            southern edge) is an approximate hand-drawn overlay. Places are drawn by how many passages \
            name them (· • ● in braille, . o O in ASCII), with their names where there is room; each \
            front's axes are chains of arrows through the objectives the texts say were reached. With \
            --day, the legs reached by that day are drawn solid and the later ones (and the undated) \
            faint. Lines are drawn in braille, or with plain characters under --ascii or a locale that \
            is not UTF-8 (coasts - | / \\, rivers ~, borders +, 1945 frontier =, axes * reached and : \
            ahead). The last line is a legend: the day and the fronts' tags.
            """)

    @OptionGroup var corpusOptions: CorpusOptions
    @Option(help: ArgumentHelp("Show how far each front had come by this day.", valueName: "YYYY-MM-DD")) var day: String?
    @Option(help: ArgumentHelp("Size of the map in cells (default: the terminal's, else 100x30).", valueName: "WxH")) var size: String?
    @Flag(help: "Draw with plain ASCII characters instead of braille.") var ascii = false

    func validate() throws {
        if let day, !Map.isDay(day) { throw ValidationError("--day must be a date YYYY-MM-DD, e.g. 1945-08-11") }
        if let size {
            guard let s = KeyNotation.parseSize(size), s.width <= 1000, s.height <= 1000 else {
                throw ValidationError("--size must be WxH, e.g. 100x30 (at most 1000x1000)")
            }
            _ = s
        }
    }

    static func isDay(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              b.enumerated().allSatisfy({ i, c in i == 4 || i == 7 || (c >= 48 && c <= 57) }) else { return false }
        let month = Int(s.dropFirst(5).prefix(2))!, dayOfMonth = Int(s.suffix(2))!
        return (1...12).contains(month) && (1...31).contains(dayOfMonth)
    }

    static func terminalSize() -> (width: Int, height: Int)? {
        guard Terminal.stdoutIsTTY else { return nil }
        var ws = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0, ws.ws_row > 2 else { return nil }
        return (Int(ws.ws_col), Int(ws.ws_row) - 2)   // room for the legend and the prompt
    }

    func run() throws {
        try failing {
            let analysis = try corpusOptions.analysis()
            let basemap: Basemap
            do { basemap = try Basemap.shared.get() } catch { throw Failure("\(error)") }
            let scene = MapSceneBuilder.scene(from: analysis)
            let (w, h) = size.flatMap(KeyNotation.parseSize) ?? Map.terminalSize() ?? (100, 30)
            let viewport = MapViewport.fitting(scene.focus, cols: w, rows: h)
            let style: MapStyle = ascii ? .ascii : MapStyle.forLocale()
            let frame = MapRenderer.render(basemap: basemap, scene: scene, viewport: viewport, cols: w, rows: h,
                                           style: style, day: day)
            var out = frame.lines.map { Terminal.safe($0) + "\n" }.joined()
            var legend = Map.legend(scene: scene, day: day, style: style)
            if legend.count > w { legend = String(legend.prefix(max(w - 1, 0))) + (style == .braille ? "…" : ">") }
            out += Terminal.safe(legend) + "\n"
            FileHandle.standardOutput.write(Data(out.utf8))
        }
    }

    /// The status line under the map: the day (or all days), the fronts' tags, and a note when the
    /// texts name no place the map can show.
    static func legend(scene: MapScene, day: String?, style: MapStyle) -> String {
        var parts: [String] = []
        if scene.places.isEmpty && scene.axes.isEmpty {
            parts.append("the texts name no place the map can show")
        }
        if let day {
            let reached = scene.axes.reduce(0) { $0 + $1.legs.filter { MapScene.isReached($0, by: day) }.count }
            let total = scene.axes.reduce(0) { $0 + $1.legs.count }
            parts.append("day \(day): \(reached) of \(total) legs reached")
        } else {
            parts.append("all days" + (scene.days.isEmpty ? "" : " (\(scene.days.first!) to \(scene.days.last!))"))
        }
        let tags = scene.fronts.map(\.tag)
        if !tags.isEmpty { parts.append("fronts: " + tags.joined(separator: " ")) }
        parts.append(style == .braille ? "· • ● places, → axes" : ". o O places, * axes, : ahead")
        return parts.joined(separator: style == .braille ? " · " : " | ")
    }
}
