import Foundation
import Testing
@testable import AugustCore

/// Web-page chrome is no event; prose that happens to use a chrome word is.
@Suite struct BoilerplateTests {
    /// A saved blog page of our own: navigation, a dated article, share buttons, a comment prompt,
    /// a related-articles strip with its own dates, a cookie line.
    static let page = """
        Skip to content | Home | History | Military | Contact

        The crossing of the Amur

        On 9 August 1945 the gunboats of the Amur Flotilla carried the first infantry across the river.

        By 12 August the bridgeheads near Blagoveshchensk had been joined.

        Share on Facebook | Share on Twitter | Print this page

        Comments (14) — Please log in to leave a comment. Subscribe to our newsletter!

        Related articles: The fall of Berlin, 2 May 1945 · Operation Bagration, 22 June 1944 · Read more

        We use cookies. © 2021 All rights reserved.
        """

    @Test func theArticlesDatesAreEventsTheChromesAreNot() {
        let corpus = Corpus(texts: [("page.txt", Self.page)])
        let events = Analysis(corpus: corpus, linker: nil).events
        let dates = Set(events.map(\.date.iso))
        #expect(dates.contains("1945-08-09") && dates.contains("1945-08-12"), "\(dates)")
        #expect(!dates.contains("1945-05-02") && !dates.contains("1944-06-22"), "a related-articles strip: \(dates)")
        #expect(!dates.contains("2021"), "a copyright line")
    }

    @Test(arguments: [
        ("Share on Tumblr", true),
        ("see also: editor's choice, the war in the Pacific, suggested articles", true),
        ("Comments on the article “Why Japan surrendered” Please log in to leave a comment!", true),
        ("Posted in History", true),
        // Prose that uses one such word is prose.
        ("The commander's comments on 9 August 1945, recorded by his chief of staff, show how little he knew of the Soviet plan.", false),
        ("See also the report of 12 August, in which the division's losses were counted for the first time and sent on to Khabarovsk.", false),
        ("On 10 August the 5th Army took Muling.", false),
    ])
    func chromeIsRecognisedByItsCues(_ c: (String, Bool)) {
        #expect(Boilerplate.isChrome(c.0) == c.1, "\(c.0)")
    }
}
