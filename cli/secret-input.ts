import { createInterface } from 'node:readline/promises';

/**
 * Secrets come from a prompt that does not echo, or from stdin (`--password-stdin`, for scripts
 * that pipe it from a secret store): never from an argument, which the shell keeps in its history
 * and every user of the machine sees in `ps`.
 */
export async function readSecretFromStdin(input: NodeJS.ReadableStream = process.stdin): Promise<string> {
  let text = '';
  for await (const chunk of input) text += String(chunk);
  return text.replace(/\r?\n$/, '');
}

/** Asks on the terminal without echoing what is typed. */
export async function promptSecret(question: string): Promise<string> {
  const prompt = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  process.stdout.write(question);
  // readline echoes through this method; muted while the secret is typed.
  (prompt as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = () => {};
  try {
    return await prompt.question('');
  } finally {
    prompt.close();
    process.stdout.write('\n');
  }
}

/** A new password: from stdin when asked to, otherwise typed twice at a terminal. */
export async function newPassword(fromStdin: boolean): Promise<{ password: string } | { problem: string }> {
  if (fromStdin) return { password: await readSecretFromStdin() };
  if (!process.stdin.isTTY) return { problem: 'no terminal to type the password at: pipe it with --password-stdin' };
  const password = await promptSecret('Password: ');
  if ((await promptSecret('Password again: ')) !== password) return { problem: 'the two passwords differ' };
  return { password };
}
