import DCMCApplication

/// One day file's facts (or rollup), read and decoded on another thread while the caller
/// counts the day before (`FileCaseRepository.facts(in:_:)`, `rollups(in:_:)`).
typealias FactsReadAhead<Value: Sendable> = ReadAhead<Value, StoreError>
