// inkstone: a "Copy" button on every code block. The button is made here, so a reader without
// JavaScript sees plain code and no button that does nothing. Lines marked as removed in a diff
// (`[!code --]`) are left out of the copied text: they are what the code no longer says.
(() => {
  const status = document.createElement('span');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  document.body.append(status);

  const textOf = (pre) => {
    const lines = pre.querySelectorAll('code > .line');
    if (lines.length === 0) return pre.textContent;
    return (
      [...lines]
        .filter((line) => !line.classList.contains('remove'))
        // Removing a `// [!code ++]` comment leaves the spaces before it: marked lines lose trailing blanks.
        .map((line) =>
          line.classList.contains('diff') || line.classList.contains('highlighted')
            ? line.textContent.trimEnd()
            : line.textContent,
        )
        .join('\n')
    );
  };

  // The Clipboard API needs a secure context (https or localhost); older pages fall back to a selection.
  const copy = async (text) => {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      const area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.append(area);
      area.select();
      let copied = false;
      try {
        copied = document.execCommand('copy');
      } catch {
        copied = false;
      }
      area.remove();
      return copied;
    }
  };

  for (const block of document.querySelectorAll('.code-block')) {
    const pre = block.querySelector('pre');
    if (!pre) continue;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy-code';
    button.textContent = 'Copy';
    button.setAttribute('aria-label', 'Copy code');
    let timer;
    button.addEventListener('click', async () => {
      const copied = await copy(textOf(pre));
      button.textContent = copied ? 'Copied' : 'Press Ctrl+C';
      status.textContent = copied ? 'Code copied to the clipboard' : 'Copying failed: select the code and copy it';
      if (!copied) window.getSelection()?.selectAllChildren(pre);
      clearTimeout(timer);
      timer = setTimeout(() => {
        button.textContent = 'Copy';
        status.textContent = '';
      }, 2000);
    });
    block.classList.add('has-copy');
    block.prepend(button);
  }
})();
