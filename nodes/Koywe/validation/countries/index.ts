import type { CountryCode } from '../../data/countries';
import type { CountryRules } from '../rules/common';
import { argentinaRules } from './argentina';
import { chileRules } from './chile';
import { colombiaRules } from './colombia';
import { mexicoRules } from './mexico';
import { peruRules } from './peru';

/** The rules only one country has; a new country adds its file here. */
export const COUNTRY_RULES: Readonly<Record<CountryCode, CountryRules>> = {
	CL: chileRules,
	CO: colombiaRules,
	PE: peruRules,
	MX: mexicoRules,
	AR: argentinaRules,
};
