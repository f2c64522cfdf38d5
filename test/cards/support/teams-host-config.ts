/**
 * An approximation of the Teams light theme for the Adaptive Cards JS renderer, so that local
 * screenshots look roughly as a card will in Teams. Not Teams' own host config: sizes and
 * colours are picked by eye. Fonts fall back to what the test machine has.
 */
export const TEAMS_LIKE_HOST_CONFIG = {
  fontFamily: "'Segoe UI', 'Liberation Sans', 'DejaVu Sans', sans-serif",
  supportsInteractivity: true,
  spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#E0E0E0' },
  fontSizes: { small: 12, default: 14, medium: 16, large: 20, extraLarge: 24 },
  fontWeights: { lighter: 300, default: 400, bolder: 600 },
  fontTypes: {
    default: {
      fontFamily: "'Segoe UI', 'Liberation Sans', 'DejaVu Sans', sans-serif",
      fontSizes: { small: 12, default: 14, medium: 16, large: 20, extraLarge: 24 },
      fontWeights: { lighter: 300, default: 400, bolder: 600 },
    },
    monospace: {
      fontFamily: "'Cascadia Mono', 'DejaVu Sans Mono', monospace",
      fontSizes: { small: 12, default: 13, medium: 14, large: 18, extraLarge: 22 },
      fontWeights: { lighter: 300, default: 400, bolder: 600 },
    },
  },
  containerStyles: {
    default: {
      backgroundColor: '#FFFFFF',
      foregroundColors: {
        default: { default: '#242424', subtle: '#616161' },
        accent: { default: '#5B5FC7', subtle: '#4F52B2' },
        attention: { default: '#C4314B', subtle: '#A4262C' },
        good: { default: '#237B4B', subtle: '#1B5E38' },
        warning: { default: '#835C00', subtle: '#6B4B00' },
      },
    },
    emphasis: {
      backgroundColor: '#F5F5F5',
      foregroundColors: { default: { default: '#242424', subtle: '#616161' } },
    },
    accent: {
      backgroundColor: '#E8EBFA',
      foregroundColors: { default: { default: '#242424', subtle: '#616161' } },
    },
    attention: {
      backgroundColor: '#FDF3F4',
      foregroundColors: { default: { default: '#242424', subtle: '#616161' } },
    },
    warning: {
      backgroundColor: '#FBF6D9',
      foregroundColors: { default: { default: '#242424', subtle: '#5C4A00' } },
    },
    good: {
      backgroundColor: '#E7F2DA',
      foregroundColors: { default: { default: '#242424', subtle: '#616161' } },
    },
  },
  actions: {
    maxActions: 6,
    spacing: 'default',
    buttonSpacing: 8,
    showCard: { actionMode: 'inline', inlineTopMargin: 16 },
    actionsOrientation: 'horizontal',
    actionAlignment: 'left',
  },
  factSet: {
    title: { weight: 'bolder', size: 'default', color: 'default', wrap: true, maxWidth: 150 },
    value: { weight: 'default', size: 'default', color: 'default', wrap: true },
    spacing: 12,
  },
} as const;

/** Button and page styling the JS renderer leaves to the host. */
export const HOST_CSS = `
  body { margin: 0; background: #EBEBEB; }
  .frame { width: 460px; margin: 16px; background: #FFFFFF; border-radius: 6px;
           box-shadow: 0 1px 3px rgba(0,0,0,.15); overflow: hidden; }
  .ac-pushButton { font-family: 'Segoe UI', 'Liberation Sans', sans-serif; font-size: 14px;
                   font-weight: 600; padding: 6px 16px; min-height: 32px; border-radius: 4px;
                   border: 1px solid #D1D1D1; background: #FFFFFF; color: #242424; cursor: pointer; }
`;
