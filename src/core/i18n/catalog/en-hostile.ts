/**
 * Messages added by the hostile-input and remote-fault review (helper H): unusual paths, terminal
 * neutralisation, remote answers that cannot be used. zh-Hans-hostile.ts has the same keys.
 */
export const enHostile = {
  "hostile.path.not_found": "file not found",
  "hostile.path.not_found_hint": "check the path and the file name (relative paths start from the current directory)",
  "hostile.path.directory": "is a directory, not a file",
  "hostile.path.directory_hint": "pass the path of a .csv or .xlsx file",
  "hostile.path.special": "is not a regular file (a pipe, socket or device); merchops reads spreadsheets from files on disk",
  "hostile.path.special_hint": "save the data to a file first, then pass that file's path",
  "hostile.path.loop": "the path goes round a loop of symbolic links",
  "hostile.path.loop_hint": "point the link at the real file",
  "hostile.path.unreadable": "cannot be read ({code})",
  "hostile.path.unreadable_hint": "check the path and the file's permissions",
  "hostile.path.permission": "permission denied",
  "hostile.path.permission_hint": "check the file's permissions",
  "hostile.columns.too_many":
    "{cells, number} cells in one row, more columns than a spreadsheet can have ({max, number}, Excel's column XFD)",
  "hostile.columns.too_many_hint":
    "if the delimiter was guessed wrong, pass --delimiter; otherwise the file is not a table merchops can read",
  "hostile.credential_refs": "the credential comes from {refs}",
  "hostile.file_changed": "the file changed while merchops was reading it",
  "hostile.file_changed_hint": "wait until the program writing it has finished (close it in Excel or WPS), then run the import again",
  "hostile.taobao.separator_value":
    'product {handle}: its {axis} "{value}" holds "{char}", which 淘宝助理 uses between sale properties; nothing was written',
  "hostile.taobao.separator_sku": 'product {handle}: SKU "{sku}" holds "{char}", which 淘宝助理 uses in 销售属性组合; nothing was written',
  "hostile.taobao.no_value": "product {handle}: variant {sku} has no {axis} value, which 淘宝助理 needs for every SKU; nothing was written",
  "hostile.taobao.axes":
    "product {handle}: {axes} are more option axes than 淘宝助理 has sale properties for ({max, number}); nothing was written",
  "hostile.taobao.hint":
    "fix the value in the store (or the import sheet) and export again; --to-format native, shopify or woocommerce keep it as it is",
  "hostile.date.serial_negative": "date serial {serial} is before Excel's first date (Excel shows ##### for it)",
  "hostile.date.serial_too_large": "date serial {serial} is after 9999-12-31, Excel's last date",
  "hostile.date.serial_phantom":
    "date serial {serial} is 1900-02-29, a day that never existed (Excel counts it only to copy Lotus 1-2-3's leap-year bug)",
  "hostile.date.serial_hint": "type the date again as 2026-11-03 (or 2026-11-03 14:05), or fix the formula that made it",
  "hostile.xlsx.shared_string_missing":
    "the cell refers to shared string #{index}, but the workbook's table has {count, number}: the file is damaged",
  "hostile.state.corrupt": "the state store is damaged ({detail})",
  "hostile.state.corrupt_hint":
    "restore it from a backup, or move it away to start afresh (the next sync reads everything again); `sqlite3 {file} .recover` may rescue its data",
  "hostile.state.disk": "the disk refused the state store ({detail}): it is full, over a size limit or failing",
  "hostile.state.disk_hint": "free space on that disk (or point --state elsewhere) and run again; keep the state file, it is not damaged",
  "hostile.state.busy": "{file}: another program kept the state store locked for more than 5 seconds ({detail})",
  "hostile.state.busy_hint": "close the program holding it (a sqlite3 shell, a backup or sync tool) and run again",
  "hostile.state.readonly": "the state store cannot be written ({detail})",
  "hostile.state.readonly_hint": "give this user write access to the file and its folder, or point --state elsewhere",
  "hostile.write.no_room": "no room to write the file ({code}: the disk is full or a file-size limit was reached); nothing was written",
  "hostile.write.no_room_hint": "free space on that disk, or write to another path with --out",
  "hostile.write.io": "the disk failed while writing the file ({code}); nothing was written",
  "hostile.write.io_hint": "check the disk, or write to another path with --out",
  "hostile.clock.skew":
    "{platform} refused the request's timestamp ({said}): signed requests must be within minutes of its clock; nothing was retried",
  "hostile.clock.skew_hint":
    "set this machine's clock right (timedatectl set-ntp true, or chrony); if --now or MERCHOPS_NOW is set, unset it for remote calls (merchops signs with that time)",
  "io.limit.forged_part": 'part "{part}" expands beyond the {declared} its zip directory claims: a forged archive',
  "io.limit.part_expands": 'part "{part}" expands beyond {mb} MB',
  "io.limit.row_long": 'a row of "{part}" is longer than {mb} MB',
  "io.limit.bad_utf8": 'part "{part}" is not valid UTF-8 (near byte {byte}): the workbook is damaged',
  "io.limit.cell_long": 'a cell of "{part}" is longer than {limit, number} characters (Excel\'s own limit is 32,767)',
  "io.limit.no_directory": "the zip archive has no central directory: the file is cut short or damaged",
  "io.limit.zip64_damaged": "the ZIP64 directory record is damaged",
  "io.limit.entries": "the archive has {count, number} entries; a workbook has a few dozen",
  "io.limit.directory_bounds": "the zip central directory is out of bounds: the file is damaged",
  "io.limit.directory_damaged": "the zip central directory is damaged",
  "io.limit.zip_bomb": 'zip bomb: part "{part}" expands {ratio, number} times ({from} to {to}), over the limit of {limit} times',
  "io.limit.sheets":
    "the workbook has {sheets, number} sheets, over the limit of {limit, number} (merchops reads one, but passes every sheet stored before it)",
  "io.limit.expands": "the workbook expands to {size}, over the limit of {mb} MB",
  "io.limit.with_key": "{problem} ({key})",
  "hostile.kind.ods": "an OpenDocument spreadsheet (.ods, from LibreOffice or WPS), which merchops does not read",
  "hostile.kind.ods_hint": "open it in LibreOffice or WPS and save it as Excel (.xlsx) or CSV (UTF-8)",
  "hostile.kind.numbers": "an Apple Numbers document, which merchops does not read",
  "hostile.kind.numbers_hint": "in Numbers: File > Export To > Excel (.xlsx) or CSV",
  "hostile.kind.xlsb": "an Excel binary workbook (.xlsb), which merchops does not read",
  "hostile.kind.xlsb_hint": "in Excel: File > Save As > Excel Workbook (*.xlsx)",
  "hostile.kind.et": "a WPS spreadsheet (.et), which merchops does not read",
  "hostile.kind.et_hint": "in WPS: File > Save As > Excel Workbook (*.xlsx)",
  "hostile.kind.archive": "a compressed archive, not a spreadsheet",
  "hostile.kind.archive_hint": "extract it first, then pass the .csv or .xlsx file inside",
  "hostile.kind.pdf": "a PDF document, not a spreadsheet",
  "hostile.kind.pdf_hint": "export the data from the program that made the PDF as .xlsx or CSV",
  "hostile.kind.zip_as_text": "not a text file: it is a zip archive (an .xlsx workbook or a compressed file) with a text file's name",
  "hostile.kind.zip_as_text_hint": "if it is a workbook, rename it to .xlsx; if it is an archive, extract the file inside",
  "hostile.kind.gzip_as_text": "not a text file: it is gzip-compressed",
  "hostile.kind.gzip_as_text_hint": "decompress it first (gunzip), then pass the file inside",
  "hostile.kind.ole_as_text": "not a text file: it is an old Excel workbook (.xls) or a password-protected one with a text file's name",
  "hostile.kind.ole_as_text_hint": "rename it to .xls, or open it in Excel or WPS and save it as CSV (UTF-8) or .xlsx",
  "hostile.kind.zip_not_workbook": "a zip archive, but not an Excel workbook (it has no xl/workbook.xml)",
  "hostile.kind.zip_not_workbook_hint": "open it in the program that made it and save it as Excel (.xlsx) or CSV",
  "hostile.xlsx.encrypted": "the workbook is password-protected (encrypted), so its cells cannot be read",
  "hostile.xlsx.encrypted_hint": "open it in Excel or WPS, remove the password (File > Info > Protect Workbook), and save it again",
  "hostile.out.is_input": "is one of the files this run reads; writing the output there would replace it, so nothing was written to it",
  "hostile.out.is_input_hint": "choose another output path (for example with -results or -report added to the name)",
  "hostile.path.not_utf8":
    "file not found: its name as typed holds bytes that are not UTF-8 (shown as �), which merchops cannot pass on to open the file",
  "hostile.path.not_utf8_hint":
    "rename the file to a UTF-8 name (for example with convmv -f gbk -t utf-8, or in a file manager), then run again",
  "hostile.cell.excel_error": "the cell shows the Excel error {value}: the formula behind it failed, so the cell holds no value",
  "hostile.cell.excel_error_hint":
    "fix the formula in the source sheet (a lookup that found nothing, a deleted reference), or type the value in; nothing from this row was written",
  "hostile.cell.excel_error_blank": "read as blank; fix the formula in the source sheet to import this value",
  "hostile.id.invisible":
    '{what} "{value}" holds an invisible character ({code}): it is kept as written, but will not match the same {what} typed by hand',
  "hostile.id.invisible_hint": "delete the character in the source sheet (it often comes with text copied from a web page or a chat)",
  "hostile.row.header_again": "this row repeats the header row: two exports joined into one file, or the header pasted twice",
  "hostile.row.header_again_hint": "delete the row (and check that the rows after it are not the same products again); nothing was written",
} as const;
