import Testing
@testable import TerminalUI

@Suite struct CellBufferTests {
    @Test func wideCharactersTakeTwoCellsAtExactColumns() {
        var buf = CellBuffer(width: 10, height: 1)
        let end = buf.put("a日😀b", row: 0, col: 1, role: .normal)
        #expect(end == 7)
        #expect(buf[0, 1].text == "a")
        #expect(buf[0, 2].text == "日" && buf[0, 2].width == 2)
        #expect(buf[0, 3].isContinuation)
        #expect(buf[0, 4].text == "😀" && buf[0, 5].isContinuation)
        #expect(buf[0, 6].text == "b")
        #expect(buf.rowText(0) == " a日😀b")
    }

    @Test func clipsAtTheEdgeWithoutHalfCharacters() {
        var buf = CellBuffer(width: 5, height: 1)
        buf.put("abcd日", row: 0, col: 0, role: .normal)
        #expect(buf.rowText(0) == "abcd")
        #expect(buf[0, 4].width == 1)
        buf.put("x", row: 3, col: 0, role: .normal)   // off the grid: ignored
        buf.put("yy", row: 0, col: -1, role: .normal)
        #expect(buf.rowText(0) == "ybcd")
    }

    @Test func overwritingHalfAWideCharacterClearsTheOtherHalf() {
        var buf = CellBuffer(width: 4, height: 1)
        buf.put("日本", row: 0, col: 0, role: .normal)
        buf.put("x", row: 0, col: 1, role: .normal)
        #expect(buf.rowText(0) == " x本")
        #expect(!buf[0, 1].isContinuation)
    }

    @Test func diffWritesOnlyChangedCells() {
        var a = CellBuffer(width: 20, height: 3)
        a.put("hello world", row: 1, col: 0, role: .normal)
        var b = a
        b.put("W", row: 1, col: 6, role: .normal)
        #expect(FrameDiff.spans(from: a, to: b) == [ChangedSpan(row: 1, start: 6, end: 7)])
        #expect(FrameDiff.spans(from: b, to: b).isEmpty)
        var c = b
        c.put("x", row: 1, col: 6, role: .error)   // same text, new role: still a change
        #expect(FrameDiff.spans(from: b, to: c).count == 1)
    }

    @Test func diffIncludesBothHalvesOfAWideCharacter() {
        let a = CellBuffer(width: 6, height: 1)
        var b = a
        b.put("日", row: 0, col: 2, role: .normal)
        #expect(FrameDiff.spans(from: a, to: b) == [ChangedSpan(row: 0, start: 2, end: 4)])
    }

    @Test func sizeChangeRewritesEverything() {
        let spans = FrameDiff.spans(from: CellBuffer(width: 4, height: 2), to: CellBuffer(width: 5, height: 2))
        #expect(spans == [ChangedSpan(row: 0, start: 0, end: 5), ChangedSpan(row: 1, start: 0, end: 5)])
    }
}
