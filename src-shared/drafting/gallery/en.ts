/** The gallery in English: NDA, purchase, services, employment — written by us, free to use. */
import { buildTemplate, variable as v, type GalleryTemplate } from './build.js';

const party = (key: string, label: string, role: string) => v({ key, kind: 'party', label, role });
const forum = v({
  key: 'disputes',
  kind: 'choice',
  label: 'Dispute resolution',
  default: 'court',
  options: [
    { value: 'court', label: 'Courts', text: 'either party may bring proceedings before the competent people’s court where the defendant is domiciled' },
    {
      value: 'arbitration',
      label: 'Arbitration',
      text: 'either party may submit the dispute to the China International Economic and Trade Arbitration Commission for arbitration under its rules in force at the time; the award is final',
    },
  ],
});
const disputes = {
  heading: 'Disputes',
  sentences: [
    'This Agreement is governed by the laws of the People’s Republic of China. The parties shall first try to settle any dispute arising from this Agreement amicably; failing that, {disputes}.',
  ],
};
const closing = {
  heading: 'Miscellaneous',
  sentences: [
    'This Agreement takes effect when signed or sealed by both parties.',
    'This Agreement is made in two counterparts, one for each party, of equal force.',
  ],
};

const nda: GalleryTemplate = {
  name: 'nda',
  language: 'en',
  title: 'Non-Disclosure Agreement',
  description: 'For two parties exchanging information while discussing a cooperation.',
  variables: [
    party('discloser', 'Disclosing party (Party A)', 'Party A'),
    party('recipient', 'Receiving party (Party B)', 'Party B'),
    v({ key: 'purpose', kind: 'text', label: 'Purpose', maxLength: 200 }),
    v({ key: 'effectiveDate', kind: 'date', label: 'Effective date' }),
    v({ key: 'years', kind: 'number', label: 'Confidentiality period (years)', min: 1, max: 10, default: '3' }),
    v({ key: 'penalty', kind: 'money', label: 'Liquidated damages' }),
    v({ key: 'nonSolicit', kind: 'yesno', label: 'Include non-solicitation', required: false }),
    forum,
  ],
  recitals: [
    '{discloser} (“Party A”) and {recipient} (“Party B”) are discussing {purpose} and enter into this Agreement to protect the confidential information exchanged.',
  ],
  articles: [
    {
      heading: 'Confidential Information',
      sentences: [
        '“Confidential Information” means any non-public technical or business information Party A discloses to Party B in any form.',
        'Information that is public, that Party B lawfully knew before disclosure or that Party B developed independently is not Confidential Information.',
      ],
    },
    {
      heading: 'Obligations',
      sentences: [
        'Party B shall use the Confidential Information only for the purpose above and shall not disclose it to any third party.',
        'Party B shall protect the Confidential Information with at least the care it uses for its own, and no less than reasonable care.',
      ],
    },
    { heading: 'Term', sentences: ['This Agreement takes effect on {effectiveDate}; the obligations of confidentiality last {years} years from that date.'] },
    {
      heading: 'Non-Solicitation',
      condition: 'nonSolicit',
      sentences: ['While this Agreement is in force, Party B shall not solicit, directly or indirectly, any employee of Party A involved in the cooperation.'],
    },
    {
      heading: 'Breach',
      sentences: ['If Party B breaches this Agreement it shall pay Party A liquidated damages of {penalty}, and compensate any loss beyond that amount.'],
    },
    disputes,
    closing,
  ],
};

const purchase: GalleryTemplate = {
  name: 'purchase',
  language: 'en',
  title: 'Purchase Agreement',
  description: 'For a buyer purchasing goods from a seller.',
  variables: [
    party('buyer', 'Buyer (Party A)', 'Party A'),
    party('seller', 'Seller (Party B)', 'Party B'),
    v({ key: 'goods', kind: 'text', label: 'Goods and specification', maxLength: 300 }),
    v({ key: 'quantity', kind: 'number', label: 'Quantity', min: 1 }),
    v({ key: 'price', kind: 'money', label: 'Total price (tax included)' }),
    v({ key: 'deliveryDate', kind: 'date', label: 'Delivery date' }),
    v({ key: 'place', kind: 'text', label: 'Place of delivery', maxLength: 200 }),
    v({ key: 'warrantyMonths', kind: 'number', label: 'Warranty (months)', min: 0, max: 120, default: '12' }),
    forum,
  ],
  recitals: ['Party A purchases goods from Party B, and the parties agree as follows.'],
  articles: [
    { heading: 'Goods', sentences: ['Goods and specification: {goods}; quantity: {quantity}.'] },
    {
      heading: 'Price and Payment',
      sentences: [
        'The total price is {price}, including VAT and carriage.',
        'Party A shall pay the price within thirty days after acceptance and receipt of a valid invoice.',
      ],
    },
    {
      heading: 'Delivery',
      sentences: ['Party B shall deliver the goods to {place} no later than {deliveryDate}.', 'Risk of loss passes to Party A on delivery.'],
    },
    {
      heading: 'Acceptance and Warranty',
      sentences: [
        'Party A shall inspect the goods within seven days of receipt and notify Party B in writing of any defect.',
        'The warranty period is {warrantyMonths} months from acceptance.',
      ],
    },
    { heading: 'Late Delivery', sentences: ['For each day of late delivery Party B shall pay Party A liquidated damages of 0.1% of the total price.'] },
    disputes,
    closing,
  ],
};

const services: GalleryTemplate = {
  name: 'services',
  language: 'en',
  title: 'Services Agreement',
  description: 'For a client engaging a provider for professional services.',
  variables: [
    party('client', 'Client (Party A)', 'Party A'),
    party('provider', 'Provider (Party B)', 'Party B'),
    v({ key: 'scope', kind: 'text', label: 'Services', maxLength: 500 }),
    v({ key: 'startDate', kind: 'date', label: 'Start date' }),
    v({ key: 'endDate', kind: 'date', label: 'End date' }),
    v({ key: 'fee', kind: 'money', label: 'Fee (tax included)' }),
    v({ key: 'ip', kind: 'yesno', label: 'Client owns the work product', required: false }),
    forum,
  ],
  recitals: ['Party A engages Party B to provide professional services, and the parties agree as follows.'],
  articles: [
    { heading: 'Services', sentences: ['Party B shall provide Party A with the following services: {scope}.'] },
    { heading: 'Term', sentences: ['The services run from {startDate} to {endDate}.'] },
    {
      heading: 'Fees',
      sentences: ['The total fee is {fee}.', 'Party A shall pay the fee within fifteen business days after the services are completed and confirmed.'],
    },
    {
      heading: 'Intellectual Property',
      condition: 'ip',
      sentences: ['The intellectual property in the work product Party B creates under this Agreement belongs to Party A from its creation.'],
    },
    {
      heading: 'Confidentiality',
      sentences: ['Each party shall keep confidential the other’s business secrets learnt in performing this Agreement; this clause survives termination.'],
    },
    disputes,
    closing,
  ],
};

const employment: GalleryTemplate = {
  name: 'employment',
  language: 'en',
  title: 'Employment Contract',
  description: 'For a fixed-term employment contract between an employer and an employee.',
  variables: [
    party('employer', 'Employer (Party A)', 'Party A'),
    party('employee', 'Employee (Party B)', 'Party B'),
    v({ key: 'position', kind: 'text', label: 'Position', maxLength: 100 }),
    v({ key: 'place', kind: 'text', label: 'Place of work', maxLength: 100 }),
    v({ key: 'startDate', kind: 'date', label: 'Start date' }),
    v({ key: 'endDate', kind: 'date', label: 'End date' }),
    v({ key: 'probationMonths', kind: 'number', label: 'Probation (months)', min: 0, max: 6, default: '3' }),
    v({ key: 'salary', kind: 'money', label: 'Monthly salary (before tax)' }),
    v({ key: 'hours', kind: 'choice', label: 'Working hours', default: 'standard', options: [
      { value: 'standard', label: 'Standard hours', text: 'standard working hours of eight hours a day and forty hours a week' },
      { value: 'flexible', label: 'Flexible hours', text: 'flexible working hours approved by the labour authority' },
    ] }), // prettier-ignore
  ],
  recitals: [
    'Under the Labour Contract Law of the People’s Republic of China, and on the principles of legality, fairness, equality, free will, consensus and good faith, the parties agree as follows.',
  ],
  articles: [
    { heading: 'Term', sentences: ['This is a fixed-term contract from {startDate} to {endDate}, including a probation period of {probationMonths} months.'] },
    { heading: 'Position and Place of Work', sentences: ['Party B agrees to work as {position} at {place}.'] },
    {
      heading: 'Working Hours and Leave',
      sentences: ['Party A applies {hours} to Party B.', 'Party B is entitled to public holidays, annual leave and other leave under the law.'],
    },
    {
      heading: 'Remuneration',
      sentences: ['Party B’s monthly salary is {salary}, paid in money by Party A by the fifteenth day of each month for the previous month.'],
    },
    {
      heading: 'Social Insurance',
      sentences: ['Both parties shall take part in social insurance under the law and pay their contributions in full and on time.'],
    },
    { heading: 'Termination', sentences: ['This contract is terminated and ends as the Labour Contract Law of the People’s Republic of China provides.'] },
    {
      heading: 'Labour Disputes',
      sentences: ['The parties may settle a labour dispute by negotiation; failing that, either may apply to the labour dispute arbitration commission.'],
    },
    closing,
  ],
};

export const GALLERY_EN = [nda, purchase, services, employment].map(buildTemplate);
