import Foundation

/// A JSON Schema check of the keywords Tests/Schemas/gradescope-results.schema.json
/// uses; any other keyword is itself a problem, so that no part of the schema is skipped.
enum JSONSchemaCheck {
    static func problems(_ value: Any, _ schema: Any, at path: String = "$") -> [String] {
        guard let schema = schema as? [String: Any] else { return ["\(path): the schema is not an object"] }
        var found: [String] = []
        for (keyword, rule) in schema {
            switch keyword {
            case "$comment": break
            case "type":
                if !matches(value, type: rule as? String ?? "") { found.append("\(path): not of type \(rule)") }
            case "enum":
                if !((rule as? [String]) ?? []).contains(where: { $0 == value as? String }) { found.append("\(path): \(value) is not one of \(rule)") }
            case "minimum":
                if let number = value as? Double, let least = rule as? Double, number < least { found.append("\(path): \(number) < \(least)") }
            case "required":
                let object = value as? [String: Any] ?? [:]
                for key in rule as? [String] ?? [] where object[key] == nil { found.append("\(path): \(key) is missing") }
            case "properties":
                let object = value as? [String: Any] ?? [:]
                for (key, sub) in rule as? [String: Any] ?? [:] { if let item = object[key] { found += problems(item, sub, at: path + "." + key) } }
            case "additionalProperties":
                let known = Set((schema["properties"] as? [String: Any] ?? [:]).keys)
                if rule as? Bool == false { for key in (value as? [String: Any] ?? [:]).keys where !known.contains(key) { found.append("\(path): \(key) is not a documented field") } }
            case "items":
                for (i, item) in (value as? [Any] ?? []).enumerated() { found += problems(item, rule, at: "\(path)[\(i)]") }
            default:
                found.append("\(path): the schema keyword \(keyword) is not checked here")
            }
        }
        return found
    }

    static func matches(_ value: Any, type: String) -> Bool {
        switch type {
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        case "number": return value is NSNumber
        case "integer": return (value as? NSNumber).map { $0.doubleValue == $0.doubleValue.rounded() } ?? false
        default: return false
        }
    }
}
