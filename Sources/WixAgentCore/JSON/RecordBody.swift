/// The record in a single-record response, whichever way the service wraps it: Truto's
/// `{"result": …}` envelope, the provider's own body with one member (Wix answers a get with
/// `{"order": {…}}`, `{"booking": {…}}`), or the record itself.
public enum RecordBody {
    public static func unwrap(_ body: JSONValue?) -> JSONValue? {
        guard let body, let members = body.objectValue else { return body }
        if let result = members["result"] { return result }
        if members.count == 1, let only = members.first?.value, only.objectValue != nil { return only }
        return body
    }
}
