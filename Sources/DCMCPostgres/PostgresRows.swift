/// The rows a statement answered, copied out of libpq's result as bytes (text format), and
/// how many rows it touched.
public struct PostgresRows: Sendable {
  /// Each row's columns; `nil` is SQL NULL.
  public let rows: [[[UInt8]?]]
  /// The rows an INSERT, UPDATE or DELETE touched (0 for other statements).
  public let affected: Int

  init(_ result: OpaquePointer, _ pq: LibPQ) {
    let count = Int(pq.ntuples(result))
    let columns = Int(pq.nfields(result))
    var rows: [[[UInt8]?]] = []
    rows.reserveCapacity(count)
    for row in 0..<count {
      var cells: [[UInt8]?] = []
      cells.reserveCapacity(columns)
      for column in 0..<columns {
        if pq.getisnull(result, Int32(row), Int32(column)) == 1 {
          cells.append(nil)
          continue
        }
        let length = Int(pq.getlength(result, Int32(row), Int32(column)))
        let value = pq.getvalue(result, Int32(row), Int32(column))
        cells.append(value.map { Array(UnsafeRawBufferPointer(start: $0, count: length)) } ?? [])
      }
      rows.append(cells)
    }
    self.rows = rows
    affected = pq.cmdTuples(result).flatMap { Int(String(cString: $0)) } ?? 0
  }

  /// Column `column` of row `row` as text; `nil` for NULL or a row that is not there.
  public func string(_ row: Int, _ column: Int) -> String? {
    guard row < rows.count, column < rows[row].count, let cell = rows[row][column] else { return nil }
    return String(decoding: cell, as: UTF8.self)
  }

  /// Column `column` of row `row` as an integer; `nil` for NULL, no row or not a number.
  public func int(_ row: Int, _ column: Int) -> Int? { string(row, column).flatMap { Int($0) } }

  /// Column `column` of row `row`, a `bytea` in its hex output form, as bytes.
  public func bytes(_ row: Int, _ column: Int) -> [UInt8]? {
    guard row < rows.count, column < rows[row].count, let cell = rows[row][column] else { return nil }
    guard cell.count >= 2, cell[0] == 92, cell[1] == 120, cell.count % 2 == 0 else { return nil }
    func nibble(_ c: UInt8) -> UInt8? {
      switch c {
      case 48...57: c - 48
      case 97...102: c - 87
      case 65...70: c - 55
      default: nil
      }
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(cell.count / 2 - 1)
    var index = 2
    while index < cell.count {
      guard let high = nibble(cell[index]), let low = nibble(cell[index + 1]) else { return nil }
      bytes.append(high << 4 | low)
      index += 2
    }
    return bytes
  }
}
