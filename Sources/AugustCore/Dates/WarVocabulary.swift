/// Whether a document tells of a war: the common words of any account of fighting (not of one war
/// or one text). Used only to let a document that writes no year at all take the corpus' campaign
/// year: a diary (`August 9. The Russians crossed the river…`) does, a recipe does not.
enum WarVocabulary {
    static let words: Set<String> = [
        "war", "army", "armies", "troops", "soldier", "soldiers", "division", "divisions", "regiment", "battalion",
        "brigade", "corps", "front", "battle", "offensive", "artillery", "tank", "tanks", "infantry", "surrender",
        "surrendered", "invasion", "enemy", "garrison", "bombed", "bombing", "bombers", "attack", "attacked",
        "fighting", "wounded", "officer", "officers", "rifle", "rifles", "trenches", "pillbox", "pillboxes",
        "shelling", "shells", "sappers", "captured", "retreat", "retreated",
    ]

    /// At least four different such words, six uses in all.
    static func isAboutWar(_ passages: [Passage]) -> Bool {
        var distinct = Set<String>()
        var uses = 0
        for p in passages {
            for w in p.text.lowercased().split(whereSeparator: { !$0.isLetter }) where words.contains(String(w)) {
                distinct.insert(String(w))
                uses += 1
                if distinct.count >= 4 && uses >= 6 { return true }
            }
        }
        return false
    }
}
