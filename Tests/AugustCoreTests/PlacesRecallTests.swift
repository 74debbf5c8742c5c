import Foundation
import Testing
@testable import AugustCore

/// Every place and formation mention in the five seed files, written by reading the texts line by
/// line (not from the program's output). `LINE: surface | surface | …`, one entry per occurrence.
/// Conventions: countries and regions count (`Japan`, `the Far East`), also inside names of
/// documents and institutions (`Potsdam Proclamation`, `National Archives of Japan`); adjectives
/// (`Japanese`, `Soviet`) and the armed forces as a whole (`Red Army`, `Imperial Japanese Army`)
/// do not; `the West` (the war in Europe) does not.
enum SeedTruth {
    static let places: [String: String] = [
        "000": """
            3: Manchuria
            7: Harbin
            9: China | Korea | Japan
            11: USSR | Japan | Germany | Far East | Japan
            13: USSR
            15: China
            17: Japan | Shenyang Dongta Airport | Manchuria | Northeast China | Japan | Manchuria | China
            21: Japan | Japan
            27: China
            33: Harbin
            """,
        "001": """
            1: Songhua River | Harbin
            3: Japan | USSR | Japan | Tokyo Bay | US | Soviet Union | Japan
            5: Europe | Nazi Germany | Europe | Asia Pacific | Japan | Far East
            7: Japan | Asia-Pacific region | Korea | China | Russian Far East | Japan | Manchuria | North China | USSR | Japan | Lake Khasan | Khalkhin Gol | Manchuria
            9: Soviet Union | Japan | Yalta | Potsdam | United States of America | Great Britain | Soviet Union | USSR | Japan | America | Japan | USSR | Japan
            11: Japan | Pearl Harbor | Japan | Yalta | Potsdam | Soviet Union
            13: US | Hiroshima | Nagasaki | Soviet Union
            15: Soviet Union | Far East | Japan | Transbaikalia | Far East | Greater Khingan ridge
            17: Germany | Manchuria
            19: Sea of Japan | Korea | Manchuria | Japan | northeastern China | Soviet Union
            21: Japan | Northeastern China | North Korea | South Sakhalin | Kuril Islands | southern Sakhalin | Kuril Islands
            23: Ussuri River | Dalnerechensk region
            27: Japan | Soviet Union | Asia-Pacific region | China | Korea | Japan | Hong Kong | Malaysia | Philippines | Burma | Pacific Islands | Soviet Union
            29: Nanjing | Manchuria
            31: Far East | USSR | South Sakhalin | Kuril Islands | Russia | Kuril Islands
            33: Japan | Germany | Japan | United States | US | Soviet Union | Hokkaido | Japan | Japan
            35: Japan | Yasukumi Shrine
            37: Russia | Japan | Primorsky Krai
            41: Japan
            """,
        "002": """
            1: Soviet Union | Japan | Potsdam | Japan | Potsdam | Soviet Union
            5: Potsdam | Soviet Union | Japan
            7: Soviet Union | Japan
            9: Potsdam | Cairo
            11: Japan | Potsdam
            13: Japan | United States | Japan | Soviet Union | Hiroshima | Japan | Soviet Union
            15: Nagasaki
            17: Soviet Union | Soviet Union | Japan | Potsdam | Soviet Union | Japan
            19: Soviet Union | Japan | Yalta | Japan | Germany | Soviet Union | Japan
            21: Japan | Japan | Soviet Russia | North Korea | China
            23: Japan | Siberia | Asia Pacific region
            25: Japan | Northeast China | Geneva
            27: Japan | Soviet Union | Mongolian People’s Republic | Manchukuo
            29: Soviet Union | Northeast China | Soviet Union | Far East | northeast China | Inner Mongolia | Asia | Soviet Union
            31: China | Soviet Union
            33: zhanggufeng | Nomenkan
            37: Germany | Soviet Union | Japan | Soviet Union
            39: Japan
            45: Japan
            47: Far East | Soviet Union | Soviet Union
            49: Omsk | Germany | Japan | Soviet Union
            53: Japan | Soviet Union
            55: Japan | Soviet Union
            59: Soviet Union | Japan | Japan
            61: Japan | Germany
            63: Japan
            65: Far East | Soviet Union | Northeast China
            67: Northeast China
            69: Japan | Japan
            71: Japan | Soviet Union
            73: Soviet Union | Manchuria
            75: Changchun | Dalian | Changchun | Tumen
            77: North Korea | Mudanjiang River Basin | great and small Hinggan Mountains | Siping | Qiqihar
            81: Manchuria
            85: Tonghua | Linjiang
            87: Japan
            93: Mudanjiang | Yanji
            95: Tatar Strait | Kamchatka Peninsula | South Sakhalin Island | Kuril Islands
            103: Boli | skoye
            109: North Korea | South Sakhalin Island | Kuril Islands
            111: Vladivostok
            133: Harbin | Changchun | Jilin | Shenyang
            135: sea of Japan
            145: Daxinganling
            147: northern Shandong | Tuquan
            151: Daxinganling | heidaba | Taiwan | Japan
            153: Daxinganling | northern Shandong | Tuquan
            155: barricade area of Manchuria
            157: barricade area of Hailar
            159: Duolun | Zhangbei
            161: Wusuli River
            165: Dongning | Hutou
            171: Suifenhe | Mudanjiang
            175: Mudanjiang city | Jilin
            177: Wusuli River
            179: Baoqing
            181: Heilongjiang | Fujin fortified area | Jiamusi
            183: hailanpao | Heilongjiang
            187: Sun Wu | Aihui
            189: great Khingan mountains | Northeast Plain
            191: Mudanjiang plain
            193: Jiamusi
            195: xiongji | Luojin | North Korea
            199: Mudanjiang City | Hailar | Sunwu | Hutou
            207: Zalantun | Taonan | Tongliao | Chifeng | Zhangbei
            211: Hailar fortification area
            213: Mudanjiang City
            215: Boli | Tumen | North Korea
            217: Hutou | Dongning fortified areas
            219: Jiamusi | Songhua River
            221: fortified area of Sun Wu
            229: Harbin | Changchun | Shenyang
            231: Hutou | Dongning fortified areas
            233: South Sakhalin Island
            235: Kuril Islands
            237: South Sakhalin Island
            239: gutun | qitun | shangfuxiang | inner road | gutun | shangfuxiang | Fuxiang | neilu
            241: inner road | Fuxiang | nansakhalin island
            243: gutun fortification area
            245: gutun
            251: Japan | Sakhalin Island | South Sakhalin Island
            253: huixuqu | soblevo
            255: Zhengang
            257: redoga | Dabo
            259: Fengyuan | Fuxiang | neilu
            261: South Sakhalin Island | Luohe | Fengyuan
            265: gutun | Sakhalin Island
            267: Northeast China | Sakhalin Island | Kuril Islands
            269: Kuril Islands | Okhotsk Sea | Pacific Ocean
            283: Kuril Islands
            285: Far East
            301: Far East
            303: Japan
            305: Soviet Union | Far East | Japan
            307: Manchuria
            309: Manchuria
            315: Daxinganling
            317: Harbin | Changchun | Shenyang
            319: Japan
            321: Manchuria | North Korea | Japan
            323: Korea
            325: Tonghua | Linjiang
            """,
        "003": """
            1: Japan | Soviet Union
            3: Japan | Soviet Union
            5: Soviet Union | Japan
            7: Soviet Union | Japan | lake Baikal | lake Khasan | river Khalkhin-Gol | Japan | United States
            9: Moscow | USSR | Japan | Germany | Soviet Union | US | Britain | Japan | Asia-Pacific region
            11: Germany | Soviet Union | Japan | Japan | Moscow
            13: Manchuria | Soviet Union | Japan | Japan
            15: Japan | far East | Japan | Soviet Union | Pacific
            17: Germany | Soviet Union | Japan | Soviet far East | Third Reich | Yalta | Japan | Germany | Soviet Union | southern part of Sakhalin | Kuril Islands
            19: Japan
            21: Soviet Union | Japan | Britain | United States | Soviet Union | Tokyo | Japan | Moscow
            23: Moscow
            25: Japan | Pacific | USSR | Moscow | Potsdam | Japan | USSR | Kurils | southern Sakhalin | China | Korea
            27: USSR | Japan | great Britain | United States | Potsdam | Moscow | far East | Tokyo | Soviet Union
            29: Japan | Soviet Union | Tokyo | Soviet Union | Moscow
            31: Soviet Union
            33: Siberia | far East | Potsdam
            35: southern Sakhalin | Kuril Islands | China | North Korea
            41: Москве | USSR | Japan | Soviet Union
            """,
        "004": """
            1: Japan | Potsdam | Japan | United States | Japan | Soviet Union | Soviet Union | Hiroshima | Japan | Nagasaki
            2: Soviet Union | Japan | Potsdam | Soviet Union | Japan
            3: Soviet Union | Japan | Japan | Germany | Soviet Union | Japan
            4: Far East | Yalta | Japan | Japan | Russia | North Korea | China | Japan | Siberia | Asia-Pacific region
            5: Japan | Northeast China | Japan | Far East | Japan | Soviet Union | Mongolian People's Republic | Manchukuo
            6: Soviet Union | northeast of China | Soviet Union | Far East | northeast China | Inner Mongolia | Asia | Soviet Union
            7: China
            8: Zhang Gufeng | Nomenkan
            9: Germany | Soviet Union | Japan | Soviet Union | Japan
            10: Japan | Far East | Soviet Union | Soviet Union | omsk | Germany | Japan | Soviet Union
            11: Japan | Soviet Union | Japan | Soviet Union
            12: Soviet Union | Japan | Japan | Germany | Japan | Soviet Union | Soviet Union | northeast of China | Northeast China
            13: Japan | Japan | Far East | China | Far East | northeast of China | South Sakhalin Island | Thousand Islands
            """,
    ]

    static let units: [String: String] = [
        "000": """
            5: Kwantung Army
            17: Kwantung Army | Unit 731
            25: Unit 731 | epidemic prevention unit
            27: Unit 731
            29: Unit 731
            31: Kwantung Army | Unit 731
            """,
        "001": """
            3: Kwantung Army
            15: Kwantung Army | Kwantung Army
            19: Pacific Fleet
            21: Kwantung Army
            29: Detachment 731
            39: Kwantung group
            """,
        "002": """
            31: Northeast Anti Japanese coalition army | Kanto army
            33: Kwantung Army
            35: Kwantung Army
            67: Kwantung Army
            73: Kanto army
            83: Kwantung Army
            87: Kwantung Army | first | third front armies
            89: puppet Manchukuo | puppet Mongolian army
            93: Kwantung Army | first front army
            95: 16th group army | Pacific Fleet
            105: Pacific Fleet | Kwantung Army
            127: Pacific Fleet | Heilongjiang fleet
            135: Pacific Fleet
            137: rear Baikal front army
            141: sixth group army of tanks
            147: tank group army
            149: sixth tank group army
            151: fifth tank army
            153: tank group army
            155: 36th group army
            159: mechanized cluster of right-wing cavalry
            161: first front army of the Far East
            165: 25th group army | 35th group army
            171: fifth group army
            173: first group army | fifth group army
            177: second front army of the Far East | independent Fifth Army
            181: 15th group army | Heilongjiang fleet
            183: second group army
            189: Baikal front army
            191: first front army of the Far East
            193: second front army of the Far East
            195: Pacific Fleet
            197: Kwantung Army
            203: Kanto army
            207: Baikal front army
            209: tank group army
            213: first | fifth group armies | first front army of the Far East
            215: 35th group army | 25th group army
            219: 15th group army | second far east front army
            221: second group army
            223: Kwantung Army
            233: 16th group army | Pacific Fleet
            235: second front army of the Far East | 16th group army | Pacific Fleet
            239: second far east front army | 16th group army | 56th infantry army | 88th Infantry Division
            243: 56th infantry army
            249: 56th Soviet infantry army
            251: second front army of the Far East | Pacific Fleet
            259: 56th infantry army
            263: 16th group army
            265: 16th group army | 88th infantry division | Pacific Fleet | fifth front army
            285: Kwantung Army | puppet Manchukuo army | puppet Mongolian army | 17th | fifth front armies
            297: Baikal front army | Far East first front army
            299: Far East Second Front Army | red flag Heilongjiang fleet | Japanese Songhuajiang army
            317: Kanto army
            323: Kwantung Army
            333: Kwantung Army
            """,
        "003": """
            13: Kwantung army
            31: Kwantung army
            33: Kwantung army
            """,
        "004": """
            7: Northeast Anti-Japanese Coalition | Kwantung Army
            8: Kwantung Army | Kwantung army
            12: Kwantung Army
            """,
    ]

    struct Item: Hashable { let file: String; let line: Int; let surface: String }

    static func parse(_ table: [String: String]) -> [Item] {
        var out: [Item] = []
        for (file, body) in table {
            for row in body.split(separator: "\n") {
                let parts = row.split(separator: ":", maxSplits: 1)
                guard parts.count == 2, let line = Int(parts[0].trimmingCharacters(in: .whitespaces)) else { continue }
                for s in parts[1].split(separator: "|") {
                    out.append(Item(file: file, line: line, surface: s.trimmingCharacters(in: .whitespaces)))
                }
            }
        }
        return out
    }
}

@Suite("Places: recall and precision on the seeds")
struct PlacesRecallTests {
    struct Score { let truth, found, matched: Int; var recall: Double { Double(matched) / Double(truth) }; var precision: Double { Double(matched) / Double(found) } }

    /// One-to-one matching on (file, line), surfaces equal or one containing the other.
    func score(truth: [SeedTruth.Item], found: [SeedTruth.Item]) -> (Score, missed: [SeedTruth.Item], extra: [SeedTruth.Item]) {
        var pool = found
        var missed: [SeedTruth.Item] = []
        for t in truth {
            let a = Tokenizer.fold(t.surface)
            if let i = pool.firstIndex(where: {
                let b = Tokenizer.fold($0.surface)
                return $0.file == t.file && $0.line == t.line && (a == b || a.contains(b) || b.contains(a))
            }) {
                pool.remove(at: i)
            } else {
                missed.append(t)
            }
        }
        return (Score(truth: truth.count, found: found.count, matched: truth.count - missed.count), missed, pool)
    }

    func found(kinds: Set<EntityMention.Kind>) -> [SeedTruth.Item] {
        linker.mentions(in: seedCorpus).filter { kinds.contains($0.mention.kind) }.map {
            SeedTruth.Item(file: String($0.documentID.prefix(3)), line: $0.line, surface: $0.mention.surface)
        }
    }

    @Test func placeMentions() {
        let (s, missed, extra) = score(truth: SeedTruth.parse(SeedTruth.places), found: found(kinds: [.place]))
        #expect(s.truth > 500)
        #expect(s.recall >= 0.95, "recall \(s.recall); missed: \(missed.map { "\($0.file):\($0.line) \($0.surface)" })")
        #expect(s.precision >= 0.95, "precision \(s.precision); extra: \(extra.map { "\($0.file):\($0.line) \($0.surface)" })")
        print("places: truth \(s.truth), found \(s.found), recall \(s.recall), precision \(s.precision)")
        if !missed.isEmpty { print("missed places:", missed.map { "\($0.file):\($0.line) \($0.surface)" }) }
        if !extra.isEmpty { print("extra places:", extra.map { "\($0.file):\($0.line) \($0.surface)" }) }
    }

    @Test func formationMentions() {
        let (s, missed, extra) = score(truth: SeedTruth.parse(SeedTruth.units), found: found(kinds: [.unit, .front]))
        #expect(s.truth > 90)
        #expect(s.recall >= 0.95, "recall \(s.recall); missed: \(missed.map { "\($0.file):\($0.line) \($0.surface)" })")
        #expect(s.precision >= 0.95, "precision \(s.precision); extra: \(extra.map { "\($0.file):\($0.line) \($0.surface)" })")
        print("formations: truth \(s.truth), found \(s.found), recall \(s.recall), precision \(s.precision)")
        if !missed.isEmpty { print("missed formations:", missed.map { "\($0.file):\($0.line) \($0.surface)" }) }
        if !extra.isEmpty { print("extra formations:", extra.map { "\($0.file):\($0.line) \($0.surface)" }) }
    }

    /// The readings that matter most, by id.
    @Test func keyReadingsOnTheSeeds() throws {
        func ids(_ file: String, _ line: Int) -> [String] {
            linker.mentions(in: seedCorpus).filter { $0.documentID.hasPrefix(file) && $0.line == line }.map(\.mention.id)
        }
        #expect(ids("002", 103).contains("khabarovsk"))
        #expect(ids("002", 215).contains("boli-county"))
        #expect(ids("002", 181) == ["15th-army", "amur-flotilla", "amur", "fujin-fortified-area", "jiamusi"])
        #expect(ids("002", 155) == ["36th-army", "manzhouli-fortified-area"])
        #expect(ids("002", 147).contains("lubei"))
        #expect(!ids("002", 147).contains("shandong"))
    }
}
