/**
 * Single cell values (core/values.ts) and the attribute dictionary's config checks
 * (core/attributes/config.ts). zh-Hans-values.ts has the same keys.
 */
export const enValues = {
  // What is wrong with one cell; the caller adds the file, row and column.
  "values.other_currency": '"{value}" is in {named}; this column is in {currency}',
  "values.other_symbol": '"{value}" has the symbol {symbol}, which is not {currency}; this column is in {currency}',
  "values.amount_empty": "is empty; expected an amount like 129.90",
  "values.amount_scientific": '"{value}" is in scientific notation; expected an amount like 129.90',
  "values.not_amount": '"{value}" is not an amount; expected a number like 129.90',
  "values.too_many_decimals": '"{value}" has more decimals than {currency} allows ({digits})',
  "values.too_large": '"{value}" is too large',
  "values.not_whole_number": '"{value}" is not a whole number',
  "values.not_whole_number_cell": "{value} is not a whole number",
  "values.cost_decimals": '"{value}" has more than {max} decimals; a cost keeps at most {max}',
  "values.not_boolean": '"{value}" is not yes/no; expected true or false (是/否)',
  "values.not_rating": '"{value}" is not a rating from 1 to 5',
  "values.invalid_date": "is not a valid date",
  "values.no_time": "no time",
  "values.number_not_datetime": "{value} is a number, not a date-time; expected 2026-11-03 14:05:09",
  "values.not_real_datetime": '"{value}" is not a real date-time',
  "values.bad_utc_offset": '"{value}" has an impossible UTC offset',
  "values.not_datetime": '"{value}" is not a date-time; expected 2026-11-03 14:05:09 or ISO 8601',
  "values.number_not_day": "{value} is a number, not a date; expected 2026-11-03",
  "values.not_day": '"{value}" is not a date; expected 2026-11-03',
  "values.id_lost_digits": "{value} lost digits in the spreadsheet (stored as a number); format the column as text and re-export",
  "values.id_scientific":
    '"{value}" is in scientific notation: Excel turned the identifier into a number and lost its digits; format the column as text and re-export',

  // A column by its position, in a header problem: "column 4" (CSV) or "column D" (a sheet).
  "values.column_number": "column {n}",
  "values.column_letter": "column {letter}",

  // merchops.config.yaml: the schema's own messages (zod's phrases come from its locale).
  "values.config.empty": "must not be empty",
  "values.config.time_zone": "is not a time zone; use an IANA name such as Asia/Shanghai or Europe/Berlin",
  "values.config.period": "is not a period; use {syntax}",
  "values.config.currency_code": "must be an ISO 4217 code such as CNY",
  "values.config.store_name": "store names use letters, digits, - and _",
  "values.config.column_key": "column keys are merchops names such as order_id or placed_at",

  // attributes: in merchops.config.yaml.
  "values.attr.reserved_word": "is a reserved word (__proto__, constructor, prototype)",
  "values.attr.bad_name": "attribute names use lowercase letters, digits, - and _ (e.g. fit, sleeve_length)",
  "values.attr.needs_values": 'new attribute "{name}" needs values (a list or a synonym map) or freeForm: true',
  "values.attr.reserved_key": '"{key}" is a reserved word and cannot be a key',
} as const;
