import Foundation

/// An independent reading of every dated expression in the five seed files, written line by line from
/// the texts themselves (not from the program's output): `line value`, one a row, with the
/// expression as it stands after `#`. Values are ISO 8601 at the precision the text gives; a range
/// is `start/end`; a recurring holiday with no year is `XXXX-MM-DD`.
///
/// Left out on purpose (not dates): counts and unit numbers, durations (`24 days`, `ten days after`),
/// centuries and decades, `the 20th Anniversary`, page numbers, `Covid-19`, and seasons with no year.
enum SeedAnnotation {
    static let files: [(file: String, rows: String)] = [
        ("000_f57c19fac099d6db.txt", """
            3 1945            # Manchuria [1945]
            3 2024-07-26      # (26.7.2024)
            9 2024-05-10      # (10.5.2024)
            11 1947-05        # In May 1947
            11 XXXX-09-03     # September 3rd became a working day (holiday)
            11 1947-12-23     # on December 23rd
            11 XXXX-05-09     # May 9th (holiday, three times)
            11 XXXX-01-01     # moved to January 1st (holiday)
            11 1965           # until 1965 / in 1965
            11 XXXX-09-02     # only September 2nd was mentioned (the day of surrender, as a holiday)
            15 2024-02-14     # (14.2.2024)
            17 1945-08-19     # On August 19th, 1945
            19 2023-09-18     # (18.9.2023)
            27 2022-12-14     # (14.12.2022)
            33 1939/1945      # between 1939 and 1945
            """),
        ("001_732ea24548fd5f98.txt", """
            1 1945            # Harbin, 1945.
            3 1945-09-03      # On September 3, 1945
            3 1945-09-02T09:00  # at 9 am on September 2, 1945
            5 1941-06-22      # on June 22, 1941
            7 1931            # in 1931 / since 1931
            7 1938            # In 1938
            7 1939            # in 1939
            9 1945-08-08      # On August 8, 1945
            9 1944            # until 1944
            9 1947            # could last until 1947 (hypothetical)
            11 1941-12        # since December 1941
            11 1945-SU        # by the summer of 1945
            11 1944           # From 1944
            15 1945-08-09     # On August 9, 1945
            17 1945           # In 1945
            19 1945           # until the end of 1945 (planned)
            21 1945-08-14     # On August 14
            21 1945-09        # until early September 1945
            23 1945-08-25     # on 25 August
            31 1905           # in 1905
            31 1875           # in 1875
            33 1945-08        # in August 1945
            41 1945-09-02     # On September 2, 1945
            """),
        ("002_10e6d5298eff1f31.txt", """
            1 1945-07-27      # on July 27, 1945
            9 1945-07-28      # On July 28
            13 1945-08-06     # on August 6, 1945
            15 1945-08-09     # On the 9th
            17 1945-08-08T17:00  # At 17:00 on August 8
            17 1945-08-09     # from August 9
            23 1928           # In 1928
            25 1932-03-16     # on March 16, 1932
            27 1941-04-13     # On April 13, 1941
            29 1932-08        # In August 1932
            29 1933           # the war plan ... in 1933
            33 1938-07        # In July 1938
            33 1939-05/1939-08  # from May to August 1939
            37 1941-06-25     # On June 25, 1941
            57 1945-04-05     # on April 5, 1945
            63 1946-SP        # in the spring of 1946 (forecast)
            63 1945-09        # as early as early September 1945 (forecast)
            69 1945-08-09T00:00  # At 0:00 on August 9
            69 1945-09-02     # on September 2
            73 1945-07-05     # On July 5, 1945
            127 1945-08-08    # On the night of August 8, 1945
            129 1945-08-09T00:00  # At 0:00 on the 9th
            131 1945-08-09    # At dawn
            139 1945-08-09T04:30  # At 4:30
            143 1945-08-09    # on the first day of the campaign
            145 1945-08-10    # On the afternoon of the 10th
            147 1945-08-12    # before sunset on August 12 (ordered)
            151 1945-08-10    # that night
            153 1945-08-12    # On August 12 / on August 12
            153 1945-08-11    # on August 11
            155 1945-08-11    # on the 11th
            159 1945-08-14    # on the 14th
            159 1945-08-15    # on the 15th
            161 1945-08-09T01:00  # at 1:00 on the 9th
            163 1945-08-09T08:30  # At 8:30
            171 1945-08-10    # on the second day of the campaign
            171 1945-08-14    # on the 14th
            177 1945-08-09T01:00  # at 1:00 on the 9th
            179 1945-08-14    # 14 Zhan Baoqing.
            181 1945-08-14    # on the 14th
            183 1945-08-11    # on the 11th
            187 1945-08-14    # On the 14th
            203 1945-08-15    # On August 15, 1945
            207 1945-08-16    # on the 16th and 17th
            207 1945-08-17
            213 1945-08-17    # on the 17th
            215 1945-08-17    # On the same day
            217 1945-08-17    # on the same day
            219 1945-08-17    # on the 17th
            223 1945-08-17    # On August 17
            225 1945-08-18    # on the 18th (ordered)
            227 1945-08-18    # Since the 18th
            229 1945-08-20    # On the 20th and 21st
            229 1945-08-21
            231 1945-08-26    # until August 26
            233 1945-08-11/1945-08-25  # from August 11 to 25
            235 1945-08-18/1945-09-01  # From August 18 to September 1
            239 1945-08-10    # On August 10
            239 1945-08-11T10:00  # at 10:00 on August 11 (ordered)
            243 1945-08-16    # on August 16
            253 1945-08-16    # On August 16
            255 1945-08-20    # On August 20
            257 1945-08-25    # on August 25
            259 1945-08-21    # On August 21
            261 1945-08-24    # on August 24
            263 1945-08-25    # On August 25
            271 1945-08-18    # on the morning of August 18
            281 1945-08-23    # In the evening of August 23
            283 1945-09-01    # By September 1
            309 1945-05       # In May 1945
            319 1945-06       # in June
            """),
        ("003_75775b4da41e14ed.txt", """
            1 1945            # treason in 1945
            3 2019-12-30      # History 30/12/19
            3 1945            # treason in 1945
            5 1945-08         # in August 1945
            9 1941-04-13      # on 13 April 1941
            11 1941-06-22     # on 22 June 1941
            11 1941-07        # By the beginning of July 1941
            11 1941-08-10     # scheduled for August 10, 1941 (plan)
            13 1941-07        # before the expiration of July 1941
            15 1941-09        # by mid-September 1941
            17 1945-02        # In February 1945
            21 1945-04-05     # April 5, 1945
            23 1946-04-05     # to 5 April, 1946
            25 1945-07        # In July 1945
            27 1945-08-08     # on 8 August 1945
            27 1945-08-09T09:00  # on August 9 at 9 am
            31 1945-08-16     # on 16 and 17 August
            31 1945-08-17
            35 1945-08-09/1945-09-03  # from August 9 to September 3, 1945
            41 1961           # uprisings of 1961
            41 1945           # treason in 1945
            """),
        ("004_9264ff881a3e0ea2.txt", """
            1 1945-08-06      # on August 6 (the narrative's year)
            1 1945-08-09      # On the 9th
            2 1945-08-08T17:00  # On August 8 17,
            2 1945-08-09      # since August 9
            4 1945-SP         # 1in the spring of 945
            4 1928            # 1928, Japan attempted
            5 1932-03-16      # 1932, 16 In March
            5 1941-04-13      # in April 194 13
            6 1932-08         # 1932 In August
            6 1933            # the 1933 operational plan
            8 1938-07         # 1July 1938
            8 1939-05/1939-08  # and1May-August 1939
            9 1941-06-25      # On June 25th, 194 1
            10 1941           # The 194 1 year plan
            11 1945-04-05     # on April 5, 1945
            12 1946-SP        # in the spring of 1946 (forecast)
            12 1945-09        # in the early September of 1945 (forecast)
            13 1945-08-09T00:00  # At 0: 00 on August 9
            13 1945-09-02     # On September 2
            """),
    ]

    struct Row: Hashable, CustomStringConvertible {
        let file: String
        let line: Int
        let value: String
        var description: String { "\(file.prefix(3)):\(line) \(value)" }
    }

    static func rows(_ file: String, _ text: String) -> [Row] {
        text.split(separator: "\n").compactMap { raw in
            let body = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
            let parts = body.split(whereSeparator: { $0.isWhitespace })
            guard parts.count == 2, let line = Int(parts[0]) else { return nil }
            return Row(file: file, line: line, value: String(parts[1]))
        }
    }

    static var all: Set<Row> {
        Set(files.flatMap { rows($0.file, $0.rows) })
    }
}
