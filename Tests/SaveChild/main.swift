// Test helper (not installed): saves N bookmarks with `BookmarkStore.save` and stops between
// writing the temporary file and renaming it over the old one, until stdin is closed or it is
// killed. The end-to-end kill test sends it SIGKILL there and checks the old file is intact.
//
// usage: bookmark-save-child FILE CORPUS N
import AugustCore
import Foundation

let args = CommandLine.arguments
guard args.count == 4, let n = Int(args[3]) else {
    FileHandle.standardError.write(Data("usage: bookmark-save-child FILE CORPUS N\n".utf8))
    exit(2)
}
let store = BookmarkStore(url: URL(fileURLWithPath: args[1]), corpusPath: args[2])
let list = (0..<n).map { i in
    Bookmark(kind: .passage, anchor: PassageAnchor(file: "doc.txt", line: i + 1, quote: "passage \(i)"), note: "note \(i)")
}
do {
    try store.save(list, beforeRename: {
        FileHandle.standardOutput.write(Data("written\n".utf8))
        while readLine() != nil {}   // until the test closes stdin (or kills us)
    })
} catch {
    FileHandle.standardError.write(Data("bookmark-save-child: \(error.message)\n".utf8))
    exit(2)
}
