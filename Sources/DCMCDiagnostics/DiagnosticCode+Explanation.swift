/// The long explanation of a code: what it means, a wrong example and the corrected one.
public struct Explanation: Sendable {
  /// A short title, used as the SARIF rule name and the first line of `dcmc explain`.
  public var title: String
  /// One or two paragraphs on what the problem is and why dcmc refuses it.
  public var summary: String
  /// A YAML document (or file) that produces the code.
  public var wrong: String
  /// The same document, corrected.
  public var right: String

  /// An explanation whose examples end with exactly one line break, however the literal
  /// was written.
  init(title: String, summary: String, wrong: String, right: String) {
    self.title = title
    self.summary = summary
    self.wrong = Self.endingWithLineBreak(wrong)
    self.right = Self.endingWithLineBreak(right)
  }

  private static func endingWithLineBreak(_ text: String) -> String {
    var text = text
    while text.hasSuffix("\n") { text.removeLast() }
    return text + "\n"
  }
}

extension DiagnosticCode {
  /// The explanation `dcmc explain` prints. The switch is exhaustive, so a new code
  /// does not compile without one. The texts live in `Explanation+Topic.swift`, one file
  /// per block of codes.
  public var explanation: Explanation {
    switch self {
    case .yamlSyntax: .yamlSyntax
    case .duplicateKey: .duplicateKey
    case .nestingTooDeep: .nestingTooDeep
    case .aliasExpansionTooLarge: .aliasExpansionTooLarge
    case .fileTooLarge: .fileTooLarge
    case .invalidUTF8: .invalidUTF8
    case .scalarTooLarge: .scalarTooLarge
    case .unknownAnchor: .unknownAnchor
    case .invalidMerge: .invalidMerge
    case .emptyFile: .emptyFile
    case .unsupportedTag: .unsupportedTag
    case .complexKey: .complexKey
    case .documentNotMapping: .documentNotMapping
    case .missingKind: .missingKind
    case .unknownKind: .unknownKind
    case .unknownKey: .unknownKey
    case .missingKey: .missingKey
    case .wrongType: .wrongType
    case .invalidId: .invalidId
    case .duplicateId: .duplicateId
    case .unsupportedAPIVersion: .unsupportedAPIVersion
    case .invalidDuration: .invalidDuration
    case .nonPositiveDuration: .nonPositiveDuration
    case .invalidPriority: .invalidPriority
    case .invalidPercent: .invalidPercent
    case .invalidValue: .invalidValue
    case .invalidReferenceFormat: .invalidReferenceFormat
    case .invalidPattern: .invalidPattern
    case .invalidTimestamp: .invalidTimestamp
    case .invalidDate: .invalidDate
    case .emptyList: .emptyList
    case .nonLinearPattern: .nonLinearPattern
    case .durationOutOfRange: .durationOutOfRange
    case .unknownCalendar: .unknownCalendar
    case .unknownWorkgroup: .unknownWorkgroup
    case .unknownTemplate: .unknownTemplate
    case .unknownTask: .unknownTask
    case .unknownStage: .unknownStage
    case .unknownField: .unknownField
    case .unknownOutcome: .unknownOutcome
    case .unknownUser: .unknownUser
    case .unknownCaseType: .unknownCaseType
    case .olaNotBelowSLA: .olaNotBelowSLA
    case .escalationCanRepeat: .escalationCanRepeat
    case .unreachableTask: .unreachableTask
    case .unreachableStage: .unreachableStage
    case .noPathToClose: .noPathToClose
    case .approvalOutcome: .approvalOutcome
    case .formWithoutFields: .formWithoutFields
    case .conditionalTargetWithoutDefault: .conditionalTargetWithoutDefault
    case .fieldsOnNonFormTask: .fieldsOnNonFormTask
    case .conflictingOutcomeActions: .conflictingOutcomeActions
    case .escalationNotDeclared: .escalationNotDeclared
    case .fieldOptionMismatch: .fieldOptionMismatch
    case .valueTypeMismatch: .valueTypeMismatch
    case .invalidDistribution: .invalidDistribution
    case .tooManyFields: .tooManyFields
    case .assigneeOutsideTarget: .assigneeOutsideTarget
    case .ruleSkillWithoutDistribution: .ruleSkillWithoutDistribution
    case .acknowledgeWithoutNotification: .acknowledgeWithoutNotification
    case .offerTimeoutOnPullTask: .offerTimeoutOnPullTask
    case .weightOutOfRange: .weightOutOfRange
    case .weightAboveCapacity: .weightAboveCapacity
    case .requiredFieldNotPublic: .requiredFieldNotPublic
    case .expressionSyntax: .expressionSyntax
    case .expressionTypeMismatch: .expressionTypeMismatch
    case .enumValueNotInValues: .enumValueNotInValues
    case .isEmptyOnRequired: .isEmptyOnRequired
    case .expressionNotBoolean: .expressionNotBoolean
    case .unknownCustomerOperand: .unknownCustomerOperand
    case .invalidRecentWindow: .invalidRecentWindow
    case .unknownTimeZone: .unknownTimeZone
    case .invalidTimeWindow: .invalidTimeWindow
    case .overlappingWindows: .overlappingWindows
    case .emptyWindow: .emptyWindow
    case .duplicateHoliday: .duplicateHoliday
    case .calendarNeverOpen: .calendarNeverOpen
    case .invalidDayKey: .invalidDayKey
    case .duplicateDay: .duplicateDay
    case .unknownTemplateVariable: .unknownTemplateVariable
    case .templateSyntax: .templateSyntax
    case .internalValueInCustomerMessage: .internalValueInCustomerMessage
    case .fieldHiddenByVariable: .fieldHiddenByVariable
    case .duplicateMember: .duplicateMember
    case .skillOutOfRange: .skillOutOfRange
    case .workgroupWithoutMembers: .workgroupWithoutMembers
    case .tooManyProfileFields: .tooManyProfileFields
    case .profileFieldShadowsBuiltin: .profileFieldShadowsBuiltin
    case .unknownPhoneRegion: .unknownPhoneRegion
    case .unknownCustomerField: .unknownCustomerField
    case .customerFieldType: .customerFieldType
    case .customerNotIdentified: .customerNotIdentified
    case .invalidCustomerStatus: .invalidCustomerStatus
    case .capacityOutOfRange: .capacityOutOfRange
    case .misnamedPresence: .misnamedPresence
    case .reservedNotReadyReason: .reservedNotReadyReason
    case .duplicateNotReadyReason: .duplicateNotReadyReason
    case .answerWithinBeyondOLA: .answerWithinBeyondOLA
    case .unknownStep: .unknownStep
    case .invalidStep: .invalidStep
    }
  }
}
