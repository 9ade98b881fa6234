/** The value of `--name value` or `--name=value` among a command's arguments. */
export function option(args: string[], name: string) {
  const index = args.indexOf(`--${name}`);
  if (index >= 0) return args[index + 1];
  return args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
}
