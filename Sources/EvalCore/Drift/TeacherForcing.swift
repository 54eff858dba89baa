/// One answer to score under the reference: the prompt it answered and its text.
public struct ForcingRequest: Sendable, Equatable {
    /// The prompt, as the platform received it (chat messages).
    public var prompt: Prompt
    /// The answer's text.
    public var answer: String

    /// Creates a request.
    public init(prompt: Prompt, answer: String) {
        self.prompt = prompt
        self.answer = answer
    }
}

/// A platform that scores given answers token by token under its own model: for every token of the
/// answer, how likely it found that token (and its most likely alternatives) given the prompt, in the
/// chat context it serves, and the answer before it.
///
/// Each engine reaches this through its own documented API (an ``method``); whichever it is, a
/// sweep first checks it with a ``ReplayProbe`` and refuses drift replay when the method does not
/// reproduce the platform's own chat log-probabilities.
public protocol TeacherForcing: Sendable {
    /// How the answers are scored, for reports (`llama.cpp /completion + grammar`, `completions echo`).
    var method: String { get }
    /// Answers per request the platform accepts.
    var maxBatch: Int { get }

    /// Scores answers.
    ///
    /// - Parameters:
    ///   - requests: The prompts and answers.
    ///   - topLogprobs: Alternatives wanted per position.
    /// - Returns: Each answer's tokens, in the order of `requests`, with offsets counted from the
    ///   answer's start in Unicode scalars.
    func teacherForce(_ requests: [ForcingRequest], topLogprobs: Int) async throws(InfraError) -> [[ForcedToken]]
}

extension ForcingRequest {
    /// The request as one plain text for a completions endpoint with `echo`: the prompt's
    /// ``Prompt/transcript`` followed by the answer, and where the answer starts (in Unicode scalars).
    public var transcriptText: (text: String, answerStart: Int) {
        let transcript = prompt.transcript
        return (transcript + answer, transcript.unicodeScalars.count)
    }

    /// The answer's part of tokens scored over ``transcriptText``, offsets moved to the answer's start;
    /// a token straddling the boundary belongs to neither and is dropped.
    public static func answerTokens(_ tokens: [ForcedToken], answerStart: Int) -> [ForcedToken] {
        tokens.compactMap { token in
            guard token.offset >= answerStart else { return nil }
            var shifted = token
            shifted.offset -= answerStart
            return shifted
        }
    }
}
