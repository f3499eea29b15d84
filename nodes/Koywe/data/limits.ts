/**
 * Sanity bounds for amounts: not published limits of Koywe or a tax authority, but values no document can carry,
 * refused so that a mapping mistake (a 1e300 price, a percentage taken from the wrong column) never reaches Koywe.
 */

/**
 * Amounts (quantities, prices, taxes, totals, exchange rates) must stay below 10^15. The node computes totals with
 * 15 significant digits (as most systems that read JSON numbers do); beyond that, cents and even units are lost.
 * 10^15 is about a thousand million US dollars in Chilean pesos.
 */
export const AMOUNT_LIMIT = 1e15;

/** Tax, discount and surcharge rates must stay within ±1000 %; the highest documented rate is Mexico's IEPS 160 %. */
export const PERCENTAGE_LIMIT = 1000;
