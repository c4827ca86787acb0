import DCMCCalendar
import DCMCJSON

extension Instant: JSONConvertible {
  package init(json: CanonicalJSON) throws(JSONShapeError) {
    self.init(secondsSinceEpoch: try JSONFields(json).required("secondsSinceEpoch"))
  }

  package var json: CanonicalJSON { .members(["secondsSinceEpoch": secondsSinceEpoch.json]) }
}
