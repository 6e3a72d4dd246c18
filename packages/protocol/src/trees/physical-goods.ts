import type { DecisionTree } from '../decision-tree.js';

/**
 * The default tree for orders of physical goods, in English (the fallback), Dutch, French and
 * German. Partial refunds are bounded in percent of the price, so the tree fits any currency.
 *
 * Deadlines: the seller has 72 hours to respond and the buyer 48 hours to answer a counter-offer.
 * A lapse escalates to support, except where the buyer asks for what sellers grant as a matter of
 * course (a parcel that never arrived, a return at the buyer's cost): there the buyer's first
 * proposal is accepted. Counter-offers are allowed where a partial refund can be haggled over.
 */
export const physicalGoodsTree: DecisionTree = {
  id: 'physical-goods',
  version: 1,
  fallbackLocale: 'en',
  root: 'what-went-wrong',
  nodes: {
    'what-went-wrong': {
      kind: 'question',
      prompt: {
        en: 'What went wrong with your order?',
        nl: 'Wat is er misgegaan met je bestelling?',
        fr: 'Quel est le problème avec votre commande\u00A0?',
        de: 'Was ist mit Ihrer Bestellung schiefgelaufen?',
      },
      help: {
        en: 'Choose what fits best. You can add the details in the next step.',
        nl: 'Kies wat het beste past. In de volgende stap kun je het toelichten.',
        fr: 'Choisissez ce qui correspond le mieux. Vous pourrez donner les détails à l’étape suivante.',
        de: 'Wählen Sie, was am besten passt. Die Einzelheiten können Sie im nächsten Schritt angeben.',
      },
      options: [
        {
          id: 'not-received',
          label: {
            en: 'My order hasn’t arrived',
            nl: 'Mijn bestelling is niet aangekomen',
            fr: 'Je n’ai pas reçu ma commande',
            de: 'Meine Bestellung ist nicht angekommen',
          },
          next: 'delivery-status',
        },
        {
          id: 'damaged',
          label: {
            en: 'It arrived damaged',
            nl: 'Het is beschadigd aangekomen',
            fr: 'L’article est arrivé endommagé',
            de: 'Der Artikel kam beschädigt an',
          },
          next: 'damaged-in-transit',
        },
        {
          id: 'not-as-described',
          label: {
            en: 'It’s not as described',
            nl: 'Het klopt niet met de beschrijving',
            fr: 'L’article ne correspond pas à l’annonce',
            de: 'Der Artikel entspricht nicht der Beschreibung',
          },
          next: 'not-as-described',
        },
        {
          id: 'missing-parts',
          label: {
            en: 'Parts are missing',
            nl: 'Er ontbreken onderdelen',
            fr: 'Il manque des pièces',
            de: 'Es fehlen Teile',
          },
          next: 'missing-parts',
        },
        {
          id: 'wrong-item',
          label: {
            en: 'I received the wrong item',
            nl: 'Ik heb het verkeerde artikel gekregen',
            fr: 'J’ai reçu le mauvais article',
            de: 'Ich habe einen falschen Artikel erhalten',
          },
          next: 'wrong-item',
        },
        {
          id: 'does-not-work',
          label: {
            en: 'It doesn’t work',
            nl: 'Het werkt niet',
            fr: 'L’article ne fonctionne pas',
            de: 'Der Artikel funktioniert nicht',
          },
          next: 'fault-timing',
        },
        {
          id: 'counterfeit',
          label: {
            en: 'I think it’s counterfeit',
            nl: 'Ik denk dat het namaak is',
            fr: 'Je pense que c’est une contrefaçon',
            de: 'Ich halte den Artikel für eine Fälschung',
          },
          next: 'counterfeit',
        },
        {
          id: 'changed-mind',
          label: {
            en: 'I changed my mind',
            nl: 'Ik heb me bedacht',
            fr: 'J’ai changé d’avis',
            de: 'Ich habe es mir anders überlegt',
          },
          next: 'changed-mind',
        },
      ],
    },

    'delivery-status': {
      kind: 'question',
      prompt: {
        en: 'What does the tracking say?',
        nl: 'Wat zegt de track-and-trace?',
        fr: 'Qu’indique le suivi du colis\u00A0?',
        de: 'Was zeigt die Sendungsverfolgung an?',
      },
      help: {
        en: 'You’ll find the tracking link in your shipping confirmation.',
        nl: 'De link naar de track-and-trace staat in je verzendbevestiging.',
        fr: 'Le lien de suivi figure dans votre confirmation d’expédition.',
        de: 'Den Link zur Sendungsverfolgung finden Sie in Ihrer Versandbestätigung.',
      },
      options: [
        {
          id: 'tracking-delivered',
          label: {
            en: 'It says delivered',
            nl: 'Het pakket staat op ‘bezorgd’',
            fr: 'Le colis est indiqué comme livré',
            de: 'Die Sendung gilt als zugestellt',
          },
          next: 'delivered-not-received',
        },
        {
          id: 'tracking-not-delivered',
          label: {
            en: 'It hasn’t been delivered',
            nl: 'Het pakket is niet bezorgd',
            fr: 'Le colis n’a pas été livré',
            de: 'Die Sendung wurde nicht zugestellt',
          },
          next: 'parcel-not-delivered',
        },
        {
          id: 'no-tracking',
          label: {
            en: 'There’s no tracking',
            nl: 'Er is geen track-and-trace',
            fr: 'Il n’y a pas de suivi',
            de: 'Es gibt keine Sendungsverfolgung',
          },
          next: 'parcel-not-delivered',
        },
      ],
    },

    'parcel-not-delivered': {
      kind: 'outcome',
      title: {
        en: 'Parcel not delivered',
        nl: 'Pakket niet bezorgd',
        fr: 'Colis non livré',
        de: 'Paket nicht zugestellt',
      },
      guidance: {
        en: 'Mention when it should have arrived and the last tracking update, if there is one.',
        nl: 'Vermeld wanneer het had moeten aankomen en wat de laatste status in de track-and-trace is, als die er is.',
        fr: 'Indiquez la date de livraison prévue et, s’il existe, le dernier statut du suivi.',
        de: 'Nennen Sie das erwartete Lieferdatum und, falls vorhanden, den letzten Stand der Sendungsverfolgung.',
      },
      description: { required: false, minLength: 0, maxLength: 2000 },
      photos: { min: 0, max: 3 },
      resolutions: [{ type: 'full_refund' }, { type: 'replacement' }],
      counterOffer: false,
      deadline: { sellerHours: 72, buyerHours: 48, onLapse: 'accept_first_proposal' },
    },

    'delivered-not-received': {
      kind: 'outcome',
      title: {
        en: 'Marked as delivered, but not received',
        nl: 'Gemeld als bezorgd, maar niet ontvangen',
        fr: 'Indiqué comme livré, mais pas reçu',
        de: 'Als zugestellt gemeldet, aber nicht erhalten',
      },
      guidance: {
        en: 'Say where the tracking says it was left and where you’ve already looked, such as your mailbox or next door.',
        nl: 'Vermeld waar het pakket volgens de track-and-trace is afgeleverd en waar je al hebt gekeken, bijvoorbeeld in je brievenbus of bij de buren.',
        fr: 'Indiquez où le colis a été déposé selon le suivi et où vous avez déjà vérifié, par exemple votre boîte aux lettres ou chez vos voisins.',
        de: 'Geben Sie an, wo die Sendung laut Sendungsverfolgung abgegeben wurde und wo Sie schon nachgesehen haben, etwa im Briefkasten oder bei den Nachbarn.',
      },
      description: { required: true, minLength: 20, maxLength: 2000 },
      photos: { min: 0, max: 3 },
      resolutions: [{ type: 'full_refund' }, { type: 'replacement' }],
      counterOffer: false,
      deadline: { sellerHours: 72, buyerHours: 48, onLapse: 'escalate' },
    },

    'damaged-in-transit': {
      kind: 'outcome',
      title: {
        en: 'Damaged in transit',
        nl: 'Beschadigd tijdens verzending',
        fr: 'Endommagé pendant le transport',
        de: 'Beim Versand beschädigt',
      },
      guidance: {
        en: 'Describe the damage and the state of the packaging. Photos of both help the seller decide quickly.',
        nl: 'Beschrijf de schade en hoe de verpakking eruitzag. Met foto’s van allebei kan de verkoper snel beslissen.',
        fr: 'Décrivez les dégâts et l’état de l’emballage. Des photos des deux aident le vendeur à décider rapidement.',
        de: 'Beschreiben Sie den Schaden und den Zustand der Verpackung. Fotos von beidem helfen dem Verkäufer, schnell zu entscheiden.',
      },
      description: { required: true, minLength: 20, maxLength: 2000 },
      photos: { min: 1, max: 10 },
      resolutions: [
        { type: 'partial_refund', bounds: { unit: 'percent', min: 10, max: 50, suggested: 25 } },
        { type: 'return_and_refund', returnShippingPaidBy: 'seller', shipWithinDays: 14 },
        { type: 'replacement' },
      ],
      counterOffer: true,
      deadline: { sellerHours: 72, buyerHours: 48, onLapse: 'escalate' },
    },

    // The listing is the seller's promise, so a mismatch is the seller's to put right, return
    // shipping included (as consumer law has it for goods that do not conform to the contract).
    'not-as-described': {
      kind: 'outcome',
      title: {
        en: 'Not as described',
        nl: 'Niet zoals beschreven',
        fr: 'Non conforme à l’annonce',
        de: 'Nicht wie beschrieben',
      },
      guidance: {
        en: 'Say what the listing promised and what you received instead, such as the size, model or condition.',
        nl: 'Vermeld wat er in de advertentie stond en wat je in plaats daarvan hebt gekregen, zoals de maat, het model of de staat.',
        fr: 'Indiquez ce que promettait l’annonce et ce que vous avez reçu à la place, par exemple la taille, le modèle ou l’état.',
        de: 'Beschreiben Sie, was das Angebot versprochen hat und was Sie stattdessen erhalten haben, etwa Größe, Modell oder Zustand.',
      },
      description: { required: true, minLength: 20, maxLength: 2000 },
      photos: { min: 1, max: 10 },
      resolutions: [
        { type: 'partial_refund', bounds: { unit: 'percent', min: 10, max: 50, suggested: 20 } },
        { type: 'return_and_refund', returnShippingPaidBy: 'seller', shipWithinDays: 14 },
      ],
      counterOffer: true,
      deadline: { sellerHours: 72, buyerHours: 48, onLapse: 'escalate' },
    },

    // `replacement` here means sending the missing part, not the whole item.
    'missing-parts': {
      kind: 'outcome',
      title: {
        en: 'Parts missing',
        nl: 'Onderdelen ontbreken',
        fr: 'Pièces manquantes',
        de: 'Teile fehlen',
      },
      guidance: {
        en: 'List what’s missing, such as a cable, a manual or a screw. A photo of everything you received helps.',
        nl: 'Noem wat er ontbreekt, zoals een kabel, handleiding of schroef. Een foto van alles wat je hebt ontvangen helpt.',
        fr: 'Précisez ce qui manque, par exemple un câble, une notice ou une vis. Une photo de tout ce que vous avez reçu est utile.',
        de: 'Nennen Sie, was fehlt, zum Beispiel ein Kabel, eine Anleitung oder eine Schraube. Ein Foto von allem, was Sie erhalten haben, hilft weiter.',
      },
      description: { required: true, minLength: 20, maxLength: 2000 },
      photos: { min: 0, max: 10 },
      resolutions: [
        { type: 'partial_refund', bounds: { unit: 'percent', min: 5, max: 40, suggested: 15 } },
        { type: 'replacement' },
      ],
      counterOffer: true,
      deadline: { sellerHours: 72, buyerHours: 48, onLapse: 'escalate' },
    },

    'wrong-item': {
      kind: 'outcome',
      title: {
        en: 'Wrong item received',
        nl: 'Verkeerd artikel ontvangen',
        fr: 'Mauvais article reçu',
        de: 'Falscher Artikel geliefert',
      },
      guidance: {
        en: 'Say what you ordered and what arrived. A photo of the item and its label helps.',
        nl: 'Vermeld wat je hebt besteld en wat er is aangekomen. Een foto van het artikel en het etiket helpt.',
        fr: 'Indiquez ce que vous avez commandé et ce que vous avez reçu. Une photo de l’article et de son étiquette est utile.',
        de: 'Geben Sie an, was Sie bestellt haben und was angekommen ist. Ein Foto des Artikels und seines Etiketts hilft weiter.',
      },
      description: { required: true, minLength: 20, maxLength: 2000 },
      photos: { min: 1, max: 10 },
      resolutions: [
        { type: 'return_and_refund', returnShippingPaidBy: 'seller', shipWithinDays: 14 },
        { type: 'replacement' },
      ],
      counterOffer: false,
      deadline: { sellerHours: 72, buyerHours: 48, onLapse: 'escalate' },
    },

    'fault-timing': {
      kind: 'question',
      prompt: {
        en: 'When did the problem start?',
        nl: 'Wanneer begon het probleem?',
        fr: 'Quand le problème est-il apparu\u00A0?',
        de: 'Wann ist das Problem aufgetreten?',
      },
      help: {
        en: 'This helps the seller understand what may have caused it.',
        nl: 'Zo begrijpt de verkoper beter wat de oorzaak kan zijn.',
        fr: 'Cela aide le vendeur à en comprendre la cause.',
        de: 'So kann der Verkäufer die Ursache besser einschätzen.',
      },
      options: [
        {
          id: 'broken-on-arrival',
          label: {
            en: 'It didn’t work from the start',
            nl: 'Het werkte vanaf het begin al niet',
            fr: 'Il ne fonctionnait pas dès la réception',
            de: 'Es hat von Anfang an nicht funktioniert',
          },
          next: 'broken-on-arrival',
        },
        {
          id: 'stopped-working',
          label: {
            en: 'It worked at first, then stopped',
            nl: 'Het werkte eerst, maar nu niet meer',
            fr: 'Il fonctionnait, puis il est tombé en panne',
            de: 'Es hat erst funktioniert, dann nicht mehr',
          },
          next: 'stopped-working',
        },
      ],
    },

    'broken-on-arrival': {
      kind: 'outcome',
      title: {
        en: 'Didn’t work on arrival',
        nl: 'Werkte niet bij aankomst',
        fr: 'Hors service dès la réception',
        de: 'Bei Lieferung defekt',
      },
      guidance: {
        en: 'Describe what happens when you use it and what you’ve already tried, such as charging or restarting it.',
        nl: 'Beschrijf wat er gebeurt als je het gebruikt en wat je al hebt geprobeerd, zoals opladen of opnieuw opstarten.',
        fr: 'Décrivez ce qui se passe quand vous l’utilisez et ce que vous avez déjà essayé, comme le recharger ou le redémarrer.',
        de: 'Beschreiben Sie, was bei der Benutzung passiert und was Sie schon versucht haben, etwa Aufladen oder Neustarten.',
      },
      description: { required: true, minLength: 20, maxLength: 2000 },
      photos: { min: 0, max: 10 },
      resolutions: [
        { type: 'return_and_refund', returnShippingPaidBy: 'seller', shipWithinDays: 14 },
        { type: 'replacement' },
        { type: 'partial_refund', bounds: { unit: 'percent', min: 10, max: 50, suggested: 30 } },
      ],
      counterOffer: true,
      deadline: { sellerHours: 72, buyerHours: 48, onLapse: 'escalate' },
    },

    'stopped-working': {
      kind: 'outcome',
      title: {
        en: 'Stopped working',
        nl: 'Werkt niet meer',
        fr: 'Ne fonctionne plus',
        de: 'Funktioniert nicht mehr',
      },
      guidance: {
        en: 'Say when it stopped working, how you used it and what you’ve already tried.',
        nl: 'Vermeld wanneer het niet meer werkte, hoe je het gebruikte en wat je al hebt geprobeerd.',
        fr: 'Indiquez quand il a cessé de fonctionner, comment vous l’utilisiez et ce que vous avez déjà essayé.',
        de: 'Geben Sie an, wann es ausgefallen ist, wie Sie es benutzt haben und was Sie schon versucht haben.',
      },
      description: { required: true, minLength: 30, maxLength: 2000 },
      photos: { min: 0, max: 10 },
      resolutions: [
        { type: 'return_and_refund', returnShippingPaidBy: 'seller', shipWithinDays: 14 },
        { type: 'replacement' },
        { type: 'partial_refund', bounds: { unit: 'percent', min: 10, max: 40, suggested: 20 } },
      ],
      counterOffer: true,
      deadline: { sellerHours: 72, buyerHours: 48, onLapse: 'escalate' },
    },

    // Marketplaces handle suspected counterfeits themselves: the parties do not negotiate.
    counterfeit: {
      kind: 'outcome',
      title: {
        en: 'Suspected counterfeit',
        nl: 'Vermoedelijk namaak',
        fr: 'Contrefaçon présumée',
        de: 'Verdacht auf Fälschung',
      },
      guidance: {
        en: 'Explain why you think it isn’t genuine. Photos of logos, labels, serial numbers and the packaging help. Our support team will review your case.',
        nl: 'Leg uit waarom je denkt dat het niet echt is. Foto’s van logo’s, labels, serienummers en de verpakking helpen. Ons supportteam bekijkt je melding.',
        fr: 'Expliquez pourquoi l’article ne vous semble pas authentique. Des photos des logos, étiquettes, numéros de série et de l’emballage sont utiles. Notre service client examinera votre dossier.',
        de: 'Erklären Sie, warum Sie den Artikel nicht für echt halten. Fotos von Logos, Etiketten, Seriennummern und der Verpackung helfen. Unser Support-Team prüft Ihren Fall.',
      },
      description: { required: true, minLength: 20, maxLength: 2000 },
      photos: { min: 1, max: 10 },
      resolutions: [],
      toSupport: true,
      counterOffer: false,
      deadline: { sellerHours: 72, buyerHours: 48, onLapse: 'escalate' },
    },

    'changed-mind': {
      kind: 'outcome',
      title: {
        en: 'Change of mind',
        nl: 'Van gedachten veranderd',
        fr: 'Changement d’avis',
        de: 'Meinung geändert',
      },
      guidance: {
        en: 'Telling the seller why is optional. Return the item unused and in its original packaging; you pay the return shipping.',
        nl: 'Je hoeft niet uit te leggen waarom. Stuur het artikel ongebruikt en in de originele verpakking terug; de retourkosten zijn voor jou.',
        fr: 'Vous n’avez pas à vous justifier. Renvoyez l’article non utilisé, dans son emballage d’origine\u00A0; les frais de retour sont à votre charge.',
        de: 'Eine Begründung ist freiwillig. Senden Sie den Artikel unbenutzt und originalverpackt zurück; die Rücksendekosten tragen Sie.',
      },
      description: { required: false, minLength: 0, maxLength: 1000 },
      photos: { min: 0, max: 3 },
      resolutions: [{ type: 'return_and_refund', returnShippingPaidBy: 'buyer', shipWithinDays: 14 }],
      counterOffer: false,
      deadline: { sellerHours: 72, buyerHours: 48, onLapse: 'accept_first_proposal' },
    },
  },
};
