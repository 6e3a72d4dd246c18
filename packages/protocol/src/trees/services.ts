import type { DecisionTree } from '../decision-tree.js';

/**
 * The default tree for services (a repair, a lesson, a cleaning, a design job), in English (the
 * fallback), Dutch, French and German. Nothing can be sent back, so the resolutions are refunds,
 * bounded in percent of the price to fit any currency. Every outcome lets the seller counter and
 * escalates to support when the seller lets 72 hours pass.
 */
export const servicesTree: DecisionTree = {
  id: 'services',
  version: 1,
  fallbackLocale: 'en',
  root: 'what-went-wrong',
  nodes: {
    'what-went-wrong': {
      kind: 'question',
      prompt: {
        en: 'What went wrong with the service?',
        nl: 'Wat ging er mis met de dienst?',
        fr: 'Quel est le problème avec la prestation\u00A0?',
        de: 'Was ist bei der Dienstleistung schiefgelaufen?',
      },
      help: {
        en: 'Choose what fits best. You can add the details in the next step.',
        nl: 'Kies wat het beste past. In de volgende stap kun je het toelichten.',
        fr: 'Choisissez ce qui correspond le mieux. Vous pourrez donner les détails à l’étape suivante.',
        de: 'Wählen Sie, was am besten passt. Die Einzelheiten können Sie im nächsten Schritt angeben.',
      },
      options: [
        {
          id: 'not-delivered',
          label: {
            en: 'The service wasn’t provided',
            nl: 'De dienst is niet uitgevoerd',
            fr: 'La prestation n’a pas été réalisée',
            de: 'Die Leistung wurde nicht erbracht',
          },
          next: 'not-delivered',
        },
        {
          id: 'not-as-agreed',
          label: {
            en: 'It wasn’t done as agreed',
            nl: 'Het is niet gedaan zoals afgesproken',
            fr: 'Ce n’est pas ce qui était convenu',
            de: 'Es wurde nicht wie vereinbart ausgeführt',
          },
          next: 'not-as-agreed',
        },
        {
          id: 'late',
          label: {
            en: 'It was done late',
            nl: 'Het is te laat uitgevoerd',
            fr: 'La prestation a été réalisée en retard',
            de: 'Es wurde zu spät erledigt',
          },
          next: 'late',
        },
      ],
    },

    // A partial refund covers the case where part of the work was done.
    'not-delivered': {
      kind: 'outcome',
      title: {
        en: 'Service not provided',
        nl: 'Dienst niet uitgevoerd',
        fr: 'Prestation non réalisée',
        de: 'Leistung nicht erbracht',
      },
      guidance: {
        en: 'Say what was agreed, when it should have happened and whether any of it was done.',
        nl: 'Vermeld wat er was afgesproken, wanneer het had moeten gebeuren en of er al iets van is gedaan.',
        fr: 'Indiquez ce qui était convenu, quand cela devait avoir lieu et si une partie a été réalisée.',
        de: 'Geben Sie an, was vereinbart war, wann es stattfinden sollte und ob ein Teil davon erledigt wurde.',
      },
      description: { required: true, minLength: 20, maxLength: 2000 },
      photos: { min: 0, max: 5 },
      resolutions: [
        { type: 'full_refund' },
        { type: 'partial_refund', bounds: { unit: 'percent', min: 10, max: 90, suggested: 50 } },
      ],
      counterOffer: true,
      deadline: { sellerHours: 72, buyerHours: 48, onLapse: 'escalate' },
    },

    'not-as-agreed': {
      kind: 'outcome',
      title: {
        en: 'Not done as agreed',
        nl: 'Niet uitgevoerd zoals afgesproken',
        fr: 'Non conforme à ce qui était convenu',
        de: 'Nicht wie vereinbart',
      },
      guidance: {
        en: 'Describe what was agreed and what was done differently. Photos or screenshots can help.',
        nl: 'Beschrijf wat er was afgesproken en wat er anders is gedaan. Foto’s of screenshots kunnen helpen.',
        fr: 'Décrivez ce qui était convenu et ce qui a été fait autrement. Des photos ou des captures d’écran peuvent aider.',
        de: 'Beschreiben Sie, was vereinbart war und was anders gemacht wurde. Fotos oder Screenshots können helfen.',
      },
      description: { required: true, minLength: 30, maxLength: 2000 },
      photos: { min: 0, max: 5 },
      resolutions: [
        { type: 'partial_refund', bounds: { unit: 'percent', min: 10, max: 60, suggested: 30 } },
        { type: 'full_refund' },
      ],
      counterOffer: true,
      deadline: { sellerHours: 72, buyerHours: 48, onLapse: 'escalate' },
    },

    // The work was done, only late: a modest refund, never a full one.
    late: {
      kind: 'outcome',
      title: {
        en: 'Service was late',
        nl: 'Dienst te laat uitgevoerd',
        fr: 'Prestation en retard',
        de: 'Leistung verspätet',
      },
      guidance: {
        en: 'Say when it was agreed, when it actually happened and what the delay meant for you.',
        nl: 'Vermeld wanneer het was afgesproken, wanneer het echt gebeurde en wat de vertraging voor jou betekende.',
        fr: 'Indiquez la date convenue, la date réelle et les conséquences du retard pour vous.',
        de: 'Geben Sie an, wann es vereinbart war, wann es tatsächlich erledigt wurde und welche Folgen die Verspätung für Sie hatte.',
      },
      description: { required: true, minLength: 20, maxLength: 2000 },
      photos: { min: 0, max: 3 },
      resolutions: [{ type: 'partial_refund', bounds: { unit: 'percent', min: 5, max: 30, suggested: 10 } }],
      counterOffer: true,
      deadline: { sellerHours: 72, buyerHours: 48, onLapse: 'escalate' },
    },
  },
};
