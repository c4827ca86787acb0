import DCMCCalendar
import DCMCExpressions
import Testing

@Suite struct EvaluatorTests {
  /// The data every row is evaluated on; `Missing` and `Customer_Phone` have no value.
  static let data: [String: Value] = [
    "Customer_Name": .string("Jane"),
    "Customer_Segment": .string("gold"),
    "Notes": .string(""),
    "Amount": .number(120),
    "Items": .number(3),
    "Is_VIP": .boolean(true),
    "Purchase_Date": .date(LocalDate(year: 2026, month: 12, day: 25)),
    "Opened_At": .datetime(Timestamp("2026-03-29T03:30:00+02:00")!),
  ]

  @Test(arguments: [
    ("Customer_Segment == 'gold'", true),
    ("Customer_Segment != 'gold'", false),
    ("Customer_Name == 'jane'", false),
    ("Customer_Segment in ['silver', 'gold']", true),
    ("Customer_Segment not in ['silver', 'gold']", false),
    ("Customer_Segment not in ['silver']", true),
    ("Amount == 120.0", true),
    ("Amount > 119.99 and Amount <= 120", true),
    ("Items < 3", false),
    ("Items >= -3", true),
    ("Amount in [1, 120]", true),
    ("Is_VIP", true),
    ("not Is_VIP", false),
    ("Is_VIP == false", false),
    ("(Amount > 100) == Is_VIP", true),
    ("Purchase_Date == 2026-12-25", true),
    ("Purchase_Date < 2026-12-26 and Purchase_Date > 2026-12-24", true),
    ("Purchase_Date >= 2027-01-01", false),
    ("Opened_At == 2026-03-29T01:30:00Z", true),
    ("Opened_At < 2026-03-29T02:30:00+01:00", false),
    ("Opened_At > 2026-03-29T03:29:59+02:00", true),
    ("Opened_At in [2026-03-28T19:30:00-06:00]", true),
    ("Notes is empty", true),
    ("Notes is not empty", false),
    ("Customer_Name is empty", false),
    ("Missing is empty", true),
    ("Missing is not empty", false),
    ("Missing == 'x'", false),
    ("Missing != 'x'", false),
    ("not Missing == 'x'", true),
    ("Missing in ['x']", false),
    ("Missing not in ['x']", false),
    ("Missing", false),
    ("Amount == '120'", false),
    ("Amount != '120'", false),
    ("Customer_Name < 'K'", false),
    ("Is_VIP > false", false),
    ("Amount == 1 or Is_VIP and Items == 3", true),
    ("(Amount == 1 or Is_VIP) and Items == 4", false),
    ("not (Amount == 1 or Missing is empty)", false),
    ("true and not false", true),
  ])
  func conditionsEvaluateOnCaseData(text: String, expected: Bool) throws {
    let expression = try #require(parsed(text))
    #expect(ExpressionEvaluator.evaluate(expression) { Self.data[$0] } == expected)
  }

  @Test func evaluationOnlyLooksUpTheFieldsItNeeds() throws {
    let expression = try #require(parsed("Is_VIP or Amount > 3"))
    var asked: [String] = []
    _ = ExpressionEvaluator.evaluate(expression) { name in
      asked.append(name)
      return Self.data[name]
    }
    #expect(asked == ["Is_VIP"])
  }
}
