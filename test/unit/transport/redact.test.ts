/**
 * No secret reaches an output, an error or a log: what Koywe echoes back is scrubbed first.
 */
import { redact, redactData } from '../../../nodes/Koywe/transport';

test('the credential secrets and any bearer token become ***', () => {
	const text = 'auth Bearer eyJhbGciOi.abc-def_1 failed for s3cr3t-pass with client-secret-123';
	expect(redact(text, ['s3cr3t-pass', 'client-secret-123'])).toBe('auth Bearer *** failed for *** with ***');
});

test('values too short to be secrets, and values that are not text, are left alone', () => {
	expect(redact('a 123 b', ['123', undefined, 42, null])).toBe('a 123 b');
});

test('a JSON answer keeps its shape once scrubbed, and text stays text', () => {
	expect(redactData({ error: 'token tok-12345 expired', n: 1 }, ['tok-12345'])).toEqual({ error: 'token *** expired', n: 1 });
	expect(redactData('<html>tok-12345</html>', ['tok-12345'])).toBe('<html>***</html>');
});
