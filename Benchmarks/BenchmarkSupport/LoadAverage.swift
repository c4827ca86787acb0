#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The machine's load, printed beside the figures it disturbs.
package enum LoadAverage {
  /// The 1, 5 and 15 minute load averages, two decimals each, separated by spaces.
  package static var text: String {
    var load = [0.0, 0.0, 0.0]
    _ = getloadavg(&load, 3)
    return load.map { Figure.decimal($0, digits: 2) }.joined(separator: " ")
  }
}
