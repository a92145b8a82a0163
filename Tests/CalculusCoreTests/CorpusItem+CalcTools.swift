import CalcTools

/// The corpus reader moved to the instructor tooling with the JSON Lines protocol; the corpus
/// tests here still read the dev corpus with it.
typealias CorpusItem = CalcTools.CorpusItem
