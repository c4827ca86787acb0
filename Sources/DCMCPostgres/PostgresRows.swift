/// The rows a statement answered, copied out of libpq's result as bytes, and how many rows it
/// touched.
public struct PostgresRows: Sendable {
  /// How the server sends a result's columns (libpq's `resultFormat`).
  public enum Format: Int32, Sendable {
    /// Each value as PostgreSQL prints it: a number in decimal digits, a `bytea` in its hex
    /// form (`\x0a1b...`, twice its bytes, decoded here).
    case text = 0
    /// Each value in its type's binary form: a `bytea` as its own bytes, an integer as
    /// 2, 4 or 8 bytes big-endian, a text as its UTF-8 bytes (as in text).
    case binary = 1
  }

  /// Each row's columns; `nil` is SQL NULL.
  public let rows: [[[UInt8]?]]
  /// The rows an INSERT, UPDATE or DELETE touched (0 for other statements).
  public let affected: Int
  /// The format the columns came in.
  public let format: Format

  init(_ result: OpaquePointer, _ pq: LibPQ, format: Format) {
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
    self.format = format
  }

  /// Column `column` of row `row` as text (in the binary format, only a `text` column's);
  /// `nil` for NULL or a row that is not there.
  public func string(_ row: Int, _ column: Int) -> String? {
    cell(row, column).map { String(decoding: $0, as: UTF8.self) }
  }

  /// Column `column` of row `row` as an integer; `nil` for NULL, no row or not a number (in
  /// the binary format, not a `smallint`, `integer` or `bigint`).
  public func int(_ row: Int, _ column: Int) -> Int? {
    guard let cell = cell(row, column) else { return nil }
    guard format == .binary else { return Int(String(decoding: cell, as: UTF8.self)) }
    guard [2, 4, 8].contains(cell.count) else { return nil }
    // Big-endian two's complement: the first byte carries the sign.
    var value = Int(Int8(bitPattern: cell[0]))
    for byte in cell.dropFirst() { value = value << 8 | Int(byte) }
    return value
  }

  /// Column `column` of row `row`, a `bytea`, as bytes: as they came in the binary format,
  /// decoded from the hex form in text; `nil` for NULL, no row or (text) not the hex form.
  public func bytes(_ row: Int, _ column: Int) -> [UInt8]? {
    guard let cell = cell(row, column) else { return nil }
    guard format == .text else { return cell }
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

  private func cell(_ row: Int, _ column: Int) -> [UInt8]? {
    guard row < rows.count, column < rows[row].count else { return nil }
    return rows[row][column]
  }
}
