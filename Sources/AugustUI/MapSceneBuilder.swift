import AugustCore
import AugustMap

/// From the model to what the map draws: the places the texts name (with coordinates) and each
/// front's axes as chains of legs through the objectives the texts say were reached, dated by the
/// texts. Nothing here knows a date or a place: all of it comes from the analysis.
public enum MapSceneBuilder {
    /// Kinds of place whose coordinates are a token point of an area or a line (a country's or a
    /// river's): no marker for them, the basemap shows them.
    public static let areaKinds: Set<String> = ["country", "region", "continent", "sea", "river", "range", "plain"]

    public static func scene(from analysis: Analysis, highlighted: Set<String> = []) -> MapScene {
        guard let linker = analysis.linker else { return MapScene() }
        let gazetteer = linker.data.gazetteer

        // Mentions: the number of passages naming each place (low-confidence links left out).
        var passagesNaming: [String: Set<String>] = [:]
        for m in analysis.mentions where m.mention.kind == .place && m.mention.confidence == .high {
            passagesNaming[m.mention.id, default: []].insert(m.passageID)
        }
        var places: [MapScene.Place] = []
        for (id, passages) in passagesNaming {
            guard let p = gazetteer.place(id: id), let point = point(of: p), !areaKinds.contains(p.kind) else { continue }
            places.append(MapScene.Place(id: id, name: p.name, point: point, mentions: passages.count,
                                         highlighted: highlighted.contains(id)))
        }
        places.sort { $0.mentions != $1.mentions ? $0.mentions > $1.mentions : $0.id < $1.id }

        // Axes: for each axis, the objectives reached in the axis's order; each one a leg from the
        // previous one reached (the axis's first objective is where it starts).
        var axes: [MapScene.Axis] = []
        for theatre in analysis.fronts?.theatres ?? [] {
            let frontID = theatre.theatre.id
            let tag = theatre.theatre.tag ?? theatre.theatre.id
            for axis in theatre.axes {
                var legs: [MapScene.Leg] = []
                var previous: GeoPoint? = nil
                for objective in axis.objectives {
                    guard let here = point(of: objective.place) else { continue }
                    if previous == nil { previous = here; continue }
                    guard objective.isReached else { continue }
                    if let from = previous, from != here {
                        legs.append(MapScene.Leg(from: from, to: here, toPlaceID: objective.place.id, day: firstDay(objective)))
                    }
                    previous = here
                }
                if !legs.isEmpty {
                    axes.append(MapScene.Axis(frontID: frontID, frontTag: tag, name: axis.axis.name, legs: legs))
                }
            }
        }
        return MapScene(places: places, axes: axes)
    }

    static func point(of p: Place) -> GeoPoint? {
        guard let lat = p.lat, let lon = p.lon, lat.isFinite, lon.isFinite, abs(lat) <= 90, abs(lon) <= 180 else { return nil }
        return GeoPoint(lat: lat, lon: lon)
    }

    /// The first day the texts give for reaching the objective: the earliest of its dates known to
    /// the day (a start and end on the same yyyy-MM-dd).
    static func firstDay(_ o: FrontsReport.Objective) -> String? {
        o.dates.compactMap { d -> String? in
            let s = d.dateStart.prefix(10)
            guard s.count == 10, d.dateEnd.prefix(10) == s, isISODay(s) else { return nil }
            return String(s)
        }.min()
    }

    static func isISODay(_ s: Substring) -> Bool {
        let b = Array(s.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return false }
        return b.enumerated().allSatisfy { i, c in i == 4 || i == 7 || (c >= 48 && c <= 57) }
    }
}
