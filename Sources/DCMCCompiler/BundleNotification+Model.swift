import DCMCBundle
import DCMCModel

// The model's notification values as the bundle's: one case for one case, checked by the
// compiler (a new value in either enum is a compile error here, not a trap at run time).

extension BundleNotification.Event {
  init(_ event: NotificationEvent) {
    switch event {
    case .caseCreated: self = .caseCreated
    case .caseClosed: self = .caseClosed
    case .caseStatusChanged: self = .caseStatusChanged
    case .taskCreated: self = .taskCreated
    case .taskAssigned: self = .taskAssigned
    case .taskEscalated: self = .taskEscalated
    case .olaAtRisk: self = .olaAtRisk
    case .olaBreached: self = .olaBreached
    case .slaAtRisk: self = .slaAtRisk
    case .slaBreached: self = .slaBreached
    }
  }
}

extension BundleNotification.Channel {
  init(_ channel: Channel) {
    switch channel {
    case .email: self = .email
    case .sms: self = .sms
    case .mobile: self = .mobile
    }
  }
}
