import DCMCCalendar
import DCMCJSON

extension Instant: JSONConvertible {
  package init(json: JSONValue) throws(JSONShapeError) {
    self.init(secondsSinceEpoch: try JSONFields(json).required("secondsSinceEpoch"))
  }

  package var json: JSONValue { .members(["secondsSinceEpoch": secondsSinceEpoch.json]) }
}
