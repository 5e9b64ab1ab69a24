import FuzzDriver
import Testing

/// `scripts/fuzz.sh http-parser` starts from `fuzz/corpus/http-parser`: every input of the parser tables.
@Suite struct FuzzSeedTests {
    @Test func theSeedCorpusHoldsEveryParserTableInput() {
        let inputs = validCases.map { Array($0.text.utf8) } + invalidCases.map(\.bytes)
        let folder = #filePath.replacing("Tests/HTTPTests/FuzzSeedTests.swift", with: "fuzz/corpus/http-parser")
        #expect(FuzzSeeds.missing(inputs, in: folder) == [],
                "run GOODNEWS_WRITE_FUZZ_SEEDS=1 swift test --filter FuzzSeedTests to add them")
    }
}
