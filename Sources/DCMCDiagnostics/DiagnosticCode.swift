/// Every kind of problem dcmc reports, with its stable code.
///
/// Codes are `DCnnnn`, one block per phase, and are never reused:
/// - `DC1xxx` reading YAML (DCMCSyntax)
/// - `DC2xxx` the shape of documents: keys, types, scalars
/// - `DC3xxx` references between definitions
/// - `DC4xxx` case-type semantics and flow
/// - `DC5xxx` expressions
/// - `DC6xxx` calendars and templates
/// - `DC7xxx` workgroups, presence, the customer profile and a case type's customer keys
/// - `DC8xxx` scenarios
///
/// Every case has an explanation (`DiagnosticCode+Explanation.swift`), which `dcmc explain`
/// prints and the SARIF renderer ships as rule help.
public enum DiagnosticCode: String, Sendable, Hashable, CaseIterable {
  // MARK: DC1xxx reading YAML
  case yamlSyntax = "DC1001"
  case duplicateKey = "DC1002"
  case nestingTooDeep = "DC1003"
  case aliasExpansionTooLarge = "DC1004"
  case fileTooLarge = "DC1005"
  case invalidUTF8 = "DC1006"
  case scalarTooLarge = "DC1007"
  case unknownAnchor = "DC1008"
  case invalidMerge = "DC1009"
  case emptyFile = "DC1010"
  case unsupportedTag = "DC1011"
  case complexKey = "DC1012"

  // MARK: DC2xxx document shape
  case documentNotMapping = "DC2001"
  case missingKind = "DC2002"
  case unknownKind = "DC2003"
  case unknownKey = "DC2004"
  case missingKey = "DC2005"
  case wrongType = "DC2006"
  case invalidId = "DC2007"
  case duplicateId = "DC2008"
  case unsupportedAPIVersion = "DC2009"
  case invalidDuration = "DC2010"
  case nonPositiveDuration = "DC2011"
  case invalidPriority = "DC2012"
  case invalidPercent = "DC2013"
  case invalidValue = "DC2014"
  case invalidReferenceFormat = "DC2015"
  case invalidPattern = "DC2016"
  case invalidTimestamp = "DC2017"
  case invalidDate = "DC2018"
  case emptyList = "DC2019"
  case nonLinearPattern = "DC2020"
  case durationOutOfRange = "DC2021"

  // MARK: DC3xxx references
  case unknownCalendar = "DC3001"
  case unknownWorkgroup = "DC3002"
  case unknownTemplate = "DC3003"
  case unknownTask = "DC3004"
  case unknownStage = "DC3005"
  case unknownField = "DC3006"
  case unknownOutcome = "DC3007"
  case unknownUser = "DC3008"
  case unknownCaseType = "DC3009"

  // MARK: DC4xxx case-type semantics
  case olaNotBelowSLA = "DC4001"
  case escalationCanRepeat = "DC4002"
  case unreachableTask = "DC4003"
  case unreachableStage = "DC4004"
  case noPathToClose = "DC4005"
  case approvalOutcome = "DC4006"
  case formWithoutFields = "DC4007"
  case conditionalTargetWithoutDefault = "DC4008"
  case fieldsOnNonFormTask = "DC4009"
  case conflictingOutcomeActions = "DC4010"
  case escalationNotDeclared = "DC4011"
  case fieldOptionMismatch = "DC4012"
  case valueTypeMismatch = "DC4013"
  case invalidDistribution = "DC4014"
  case tooManyFields = "DC4015"
  case assigneeOutsideTarget = "DC4016"
  case ruleSkillWithoutDistribution = "DC4017"
  case acknowledgeWithoutNotification = "DC4018"
  case offerTimeoutOnPullTask = "DC4019"
  case weightOutOfRange = "DC4020"
  case weightAboveCapacity = "DC4021"
  case requiredFieldNotPublic = "DC4022"

  // MARK: DC5xxx expressions
  case expressionSyntax = "DC5001"
  case expressionTypeMismatch = "DC5002"
  case enumValueNotInValues = "DC5003"
  case isEmptyOnRequired = "DC5004"
  case expressionNotBoolean = "DC5005"
  case unknownCustomerOperand = "DC5006"
  case invalidRecentWindow = "DC5007"

  // MARK: DC6xxx calendars and templates
  case unknownTimeZone = "DC6001"
  case invalidTimeWindow = "DC6002"
  case overlappingWindows = "DC6003"
  case emptyWindow = "DC6004"
  case duplicateHoliday = "DC6005"
  case calendarNeverOpen = "DC6006"
  case invalidDayKey = "DC6007"
  case duplicateDay = "DC6008"
  case unknownTemplateVariable = "DC6101"
  case templateSyntax = "DC6102"
  case internalValueInCustomerMessage = "DC6103"
  case fieldHiddenByVariable = "DC6104"

  // MARK: DC7xxx workgroups, presence, the customer profile and a case type's customer keys
  case duplicateMember = "DC7001"
  case skillOutOfRange = "DC7002"
  case workgroupWithoutMembers = "DC7003"
  case tooManyProfileFields = "DC7004"
  case profileFieldShadowsBuiltin = "DC7005"
  case unknownPhoneRegion = "DC7006"
  case unknownCustomerField = "DC7007"
  case customerFieldType = "DC7008"
  case customerNotIdentified = "DC7009"
  case invalidCustomerStatus = "DC7010"
  case capacityOutOfRange = "DC7011"
  case misnamedPresence = "DC7012"
  case reservedNotReadyReason = "DC7013"
  case duplicateNotReadyReason = "DC7014"
  case answerWithinBeyondOLA = "DC7015"

  // MARK: DC8xxx scenarios
  case unknownStep = "DC8001"
  case invalidStep = "DC8002"

  /// The severity a diagnostic of this kind has unless the emitter says otherwise.
  public var defaultSeverity: Severity {
    switch self {
    case .unreachableTask, .unreachableStage, .noPathToClose, .isEmptyOnRequired, .workgroupWithoutMembers,
      .tooManyFields, .weightAboveCapacity, .answerWithinBeyondOLA, .requiredFieldNotPublic,
      .internalValueInCustomerMessage, .fieldHiddenByVariable:
      .warning
    default:
      .error
    }
  }
}
