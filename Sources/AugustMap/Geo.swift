import Foundation

/// A point on the earth, degrees (north and east positive).
public struct GeoPoint: Sendable, Hashable, Codable {
    public var lat: Double
    public var lon: Double
    public init(lat: Double, lon: Double) { self.lat = lat; self.lon = lon }
}

/// What the map shows: a centre and a zoom.
///
/// Projection (see `MapProjection`): equirectangular, with longitude scaled by the cosine of the
/// centre's latitude, so that a degree of longitude and a degree of latitude have their true
/// ratio at the centre of the view (at 45°N a degree of longitude is 0.71 of a degree of latitude).
/// Over the theatre (30–60°N) the distortion away from the centre stays within ±25 % east–west,
/// which a terminal map cannot show anyway. Terminal cells are about twice as tall as wide and a
/// braille cell holds 2×4 dots, so a dot is about square: the projection works in dots.
public struct MapViewport: Sendable, Hashable {
    public var center: GeoPoint
    /// Degrees of longitude across the whole width.
    public var lonSpan: Double

    /// The narrowest and widest views allowed (degrees of longitude across).
    public static let minLonSpan = 0.2
    public static let maxLonSpan = 360.0
    /// The theatre shown when there is nothing to fit: lon 100–160, lat 30–60.
    public static let theatre = (minLat: 30.0, maxLat: 60.0, minLon: 100.0, maxLon: 160.0)

    public init(center: GeoPoint, lonSpan: Double) {
        self.center = GeoPoint(lat: min(max(center.lat, -80), 80), lon: center.lon)
        self.lonSpan = min(max(lonSpan, Self.minLonSpan), Self.maxLonSpan)
    }

    /// A view that shows every point, with a margin of cells around them so markers and their
    /// labels fit (about 12 columns each side and 2 rows above and below, less on a small frame).
    /// No points: the theatre, lon 100–160, lat 30–60, without margin.
    public static func fitting(_ points: [GeoPoint], cols: Int, rows: Int) -> MapViewport {
        let cols = max(cols, 1), rows = max(rows, 1)
        let finite = points.filter { $0.lat.isFinite && $0.lon.isFinite && abs($0.lat) <= 90 }
        let minLat, maxLat, minLon, maxLon: Double
        let marginCols, marginRows: Int
        if finite.isEmpty {
            (minLat, maxLat, minLon, maxLon) = theatre
            marginCols = 0; marginRows = 0
        } else {
            minLat = finite.map(\.lat).min()!; maxLat = finite.map(\.lat).max()!
            minLon = finite.map(\.lon).min()!; maxLon = finite.map(\.lon).max()!
            marginCols = min(12, cols / 5)
            marginRows = min(2, rows / 6)
        }
        let center = GeoPoint(lat: (minLat + maxLat) / 2, lon: (minLon + maxLon) / 2)
        let cosLat = max(cos(min(max(center.lat, -80), 80) * .pi / 180), 0.05)
        let usableCols = Double(max(cols - 2 * marginCols, 1))
        let usableRows = Double(max(rows - 2 * marginRows, 1))
        // Longitude: (maxLon - minLon) must fit usableCols cells of lonSpan/cols degrees each.
        let spanForLon = (maxLon - minLon) * Double(cols) / usableCols
        // Latitude: a row is 4 dots of (lonSpan / (2 cols)) * cos(lat) degrees each.
        let spanForLat = (maxLat - minLat) * Double(cols) / (2 * usableRows * cosLat)
        let span = max(spanForLon, spanForLat, 1.0)
        return MapViewport(center: center, lonSpan: span)
    }

    /// factor > 1 zooms in (shows fewer degrees).
    public func zoomed(by factor: Double) -> MapViewport {
        guard factor.isFinite, factor > 0 else { return self }
        return MapViewport(center: center, lonSpan: lonSpan / factor)
    }

    /// Moves the view by that many cells (cols east, rows south) of a width×height frame.
    public func panned(cols: Int, rows: Int, width: Int, height: Int) -> MapViewport {
        let width = max(width, 1)
        let degPerCol = lonSpan / Double(width)
        let degPerRow = 2 * degPerCol * cos(center.lat * .pi / 180)
        var lon = center.lon + Double(cols) * degPerCol
        if lon > 180 { lon -= 360 } else if lon < -180 { lon += 360 }
        return MapViewport(center: GeoPoint(lat: center.lat - Double(rows) * degPerRow, lon: lon), lonSpan: lonSpan)
    }
}

/// From degrees to cells and dots of a cols×rows frame (see `MapViewport` for the projection).
/// Dot space: 2 dots per column, 4 per row (braille), square dots; y grows downwards.
public struct MapProjection: Sendable {
    public let viewport: MapViewport
    public let cols: Int
    public let rows: Int
    /// Degrees of longitude and of latitude per dot.
    public let lonPerDot: Double
    public let latPerDot: Double

    public init(viewport: MapViewport, cols: Int, rows: Int) {
        self.viewport = viewport
        self.cols = max(cols, 1)
        self.rows = max(rows, 1)
        lonPerDot = viewport.lonSpan / Double(2 * self.cols)
        latPerDot = lonPerDot * max(cos(viewport.center.lat * .pi / 180), 0.05)
    }

    public var dotsWide: Int { 2 * cols }
    public var dotsHigh: Int { 4 * rows }

    /// Dot coordinates (fractional) of a point; may be outside the frame.
    public func dot(_ p: GeoPoint) -> (x: Double, y: Double) {
        var dLon = p.lon - viewport.center.lon
        if dLon > 180 { dLon -= 360 } else if dLon < -180 { dLon += 360 }
        return (dLon / lonPerDot + Double(dotsWide) / 2, (viewport.center.lat - p.lat) / latPerDot + Double(dotsHigh) / 2)
    }

    /// The cell a point falls in; nil outside the frame.
    public func cell(_ p: GeoPoint) -> (col: Int, row: Int)? {
        let d = dot(p)
        guard d.x.isFinite, d.y.isFinite else { return nil }
        let col = Int((d.x / 2).rounded(.down)), row = Int((d.y / 4).rounded(.down))
        guard col >= 0, col < cols, row >= 0, row < rows else { return nil }
        return (col, row)
    }

    /// The geographic point at the centre of a cell.
    public func geo(col: Int, row: Int) -> GeoPoint {
        geoOfDot(x: Double(col) * 2 + 1, y: Double(row) * 4 + 2)
    }

    public func geoOfDot(x: Double, y: Double) -> GeoPoint {
        GeoPoint(lat: viewport.center.lat - (y - Double(dotsHigh) / 2) * latPerDot,
                 lon: viewport.center.lon + (x - Double(dotsWide) / 2) * lonPerDot)
    }
}
