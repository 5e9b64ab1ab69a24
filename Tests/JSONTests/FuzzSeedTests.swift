import FuzzDriver
import JSON
import Testing

/// `scripts/fuzz.sh json-parser` starts from `fuzz/corpus/json-parser`: every input of the parser tables.
@Suite struct FuzzSeedTests {
    @Test func theSeedCorpusHoldsEveryParserTableInput() {
        let inputs = JSONParserAcceptanceTests.accepted.map { Array($0.text.utf8) }
            + (JSONParserRejectionTests.structure + JSONParserRejectionTests.numbers
               + JSONParserRejectionTests.strings).map(\.bytes)
            + JSONRoundTripTests.values.map { $0.serialized() }
            + JSONRoundTripTests.canonicalTexts.map { Array($0.utf8) }
        let folder = #filePath.replacing("Tests/JSONTests/FuzzSeedTests.swift", with: "fuzz/corpus/json-parser")
        #expect(FuzzSeeds.missing(inputs, in: folder) == [],
                "run GOODNEWS_WRITE_FUZZ_SEEDS=1 swift test --filter FuzzSeedTests to add them")
    }
}
